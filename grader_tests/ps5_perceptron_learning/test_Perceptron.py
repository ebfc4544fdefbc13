"""Hidden graders for Perceptron (ps5_perceptron_learning)."""

import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import (
    TOL,
    expect_array,
    expect_equal,
    expect_true,
    expect_unchanged,
    names_unwritten_methods,
)

# (rate, niter, N, d): several learning rates, epoch counts and feature counts (d != 2 too).
CASES = [(0.1, 10, 20, 2), (0.01, 7, 30, 3), (0.5, 12, 25, 1), (1.0, 5, 16, 5)]


def separable(rng, n, d, first_label=None):
    """n samples of a linearly separable -1/+1 problem with a margin, features on different scales."""
    w = rng.normal(size=d)
    X = rng.normal(size=(n * 3, d)) * rng.uniform(0.5, 3.0, size=d) + rng.normal(size=d)
    z = X @ w / np.linalg.norm(w)
    z -= np.median(z) + rng.normal(scale=0.1)   # the boundary splits the data roughly in half
    X, z = X[np.abs(z) > 0.2][:n], z[np.abs(z) > 0.2][:n]
    y = np.where(z > 0, 1, -1)
    if first_label is not None and y[0] != first_label:
        k = int(np.argmax(y == first_label))
        X[[0, k]], y[[0, k]] = X[[k, 0]], y[[k, 0]]
    return X, y


def nonseparable(rng, n, d):
    """n samples with random -1/+1 labels: the perceptron never converges."""
    return rng.normal(size=(n, d)) * 2.0, rng.choice([-1, 1], size=n)


def datasets(rng):
    for i, (rate, niter, n, d) in enumerate(CASES):
        # the first sample meets zero weights (net input 0), so its label decides the first update
        yield "선형 분리 가능한 데이터", rate, niter, separable(rng, n, d, first_label=(1, -1)[i % 2])
        yield "선형 분리 불가능한 데이터", rate, niter, nonseparable(rng, n, d)


def fitted(cls, rate, niter, X, y):
    p = cls(rate=rate, niter=niter)
    p.fit(X, y)
    return p


@names_unwritten_methods("Perceptron")
def test_Perceptron_fit_returns_self(student, rng):
    """fit(X, y)는 self를 돌려준다"""
    X, y = separable(rng, 10, 3)
    p = student.Perceptron(rate=0.1, niter=3)
    expect_true(p.fit(X, y) is p, "fit(X, y)는 self (그 Perceptron 객체)를 돌려줘야 해요")


@names_unwritten_methods("Perceptron")
def test_Perceptron_weight_starts_at_zero(student, rng):
    """가중치는 0 벡터 np.zeros(1 + d)에서 시작한다 (niter=0이면 그대로, errors는 빈 리스트)"""
    for d in (1, 2, 4):
        X, y = separable(rng, 8, d)
        p = fitted(student.Perceptron, 0.1, 0, X, y)
        expect_array(p.weight, np.zeros(1 + d), what=f"특성 {d}개, niter=0으로 fit 한 뒤의 weight")
        expect_equal(p.errors, [], what=f"특성 {d}개, niter=0으로 fit 한 뒤의 errors")


@pytest.mark.weight(3)
@names_unwritten_methods("Perceptron")
def test_Perceptron_weight_matches_reference(student, reference, rng):
    """학습한 weight (0번이 편향)가 참조 구현과 같다: 여러 학습률, 에포크 수, 특성 수"""
    for kind, rate, niter, (X, y) in datasets(rng):
        expected = fitted(reference.Perceptron, rate, niter, X, y).weight
        got = fitted(student.Perceptron, rate, niter, X, y).weight
        expect_array(got, expected, atol=TOL.training_abs, rtol=TOL.training_rel,
                     what=f"{kind}로 학습한 weight (rate={rate}, niter={niter}, 특성 {X.shape[1]}개)")


@pytest.mark.weight(3)
@names_unwritten_methods("Perceptron")
def test_Perceptron_errors_match_reference(student, reference, rng):
    """errors는 에포크마다 0이 아닌 갱신을 일으킨 샘플 수의 리스트이고, 참조 구현과 같다"""
    for kind, rate, niter, (X, y) in datasets(rng):
        expected = fitted(reference.Perceptron, rate, niter, X, y).errors
        got = fitted(student.Perceptron, rate, niter, X, y).errors
        expect_equal(got, expected, what=f"{kind}로 학습한 errors (rate={rate}, niter={niter})")


@pytest.mark.weight(2)
@names_unwritten_methods("Perceptron")
def test_Perceptron_net_input_matches_reference(student, reference, rng):
    """net_input(X) = X @ weight[1:] + weight[0] (샘플 여러 개와 하나 모두)"""
    for d in (1, 2, 5):
        weight = rng.normal(size=1 + d)
        X = rng.normal(size=(7, d))
        p, q = student.Perceptron(), reference.Perceptron()
        p.weight, q.weight = weight, weight.copy()
        expect_array(p.net_input(X), q.net_input(X), what=f"특성 {d}개, 샘플 7개의 net_input")
        expect_array(p.net_input(X[0]), q.net_input(X[0]), what=f"특성 {d}개, 샘플 하나(1-D)의 net_input")


@pytest.mark.weight(2)
@names_unwritten_methods("Perceptron")
def test_Perceptron_predict_matches_reference(student, reference, rng):
    """predict는 -1 또는 +1을 돌려주고 참조 구현과 같다 (샘플 여러 개와 하나 모두)"""
    for d in (1, 3, 4):
        weight = rng.normal(size=1 + d)
        X = rng.normal(size=(9, d))
        p, q = student.Perceptron(), reference.Perceptron()
        p.weight, q.weight = weight, weight.copy()
        expect_array(p.predict(X), q.predict(X), what=f"특성 {d}개, 샘플 9개의 predict")
        expect_array(p.predict(X[1]), q.predict(X[1]), what=f"특성 {d}개, 샘플 하나(1-D)의 predict")


@names_unwritten_methods("Perceptron")
def test_Perceptron_predict_is_plus_one_at_zero(student, rng):
    """순입력(net input)이 정확히 0이면 predict는 +1이다 (>= 0.0)"""
    X = rng.integers(-3, 4, size=(6, 2)).astype(float)
    p = student.Perceptron()
    p.weight = np.zeros(3)
    expect_array(p.predict(X), np.ones(6), what="weight가 모두 0일 때 predict")
    # weight[0] + x1 - x2 is exactly 0 on these integer-valued rows
    X0 = np.column_stack([X[:, 0], X[:, 0] + 2.0])
    p.weight = np.array([2.0, 1.0, -1.0])
    expect_array(p.predict(X0), np.ones(6), what="순입력이 정확히 0인 샘플들의 predict")


@names_unwritten_methods("Perceptron")
def test_Perceptron_does_not_modify_inputs(student, reference, rng):
    """fit은 올바르게 학습하면서 입력 X, y는 바꾸지 않는다"""
    X, y = separable(rng, 12, 3)
    Xh, yh = student.put(X), student.put(y)
    fitted = student.Perceptron(rate=0.5, niter=4).fit(Xh, yh)
    expected = reference.Perceptron(rate=0.5, niter=4).fit(X.copy(), y.copy())
    expect_array(fitted.weight, expected.weight, rtol=TOL.training_rel, atol=TOL.training_abs,
                 what="학습한 weight")
    expect_unchanged(student.get(Xh), X, what="fit에 넘긴 X")
    expect_unchanged(student.get(yh), y, what="fit에 넘긴 y")


@names_unwritten_methods("Perceptron")
def test_Perceptron_constructor_arguments_by_position_and_defaults(student, reference, rng):
    """Perceptron(rate, niter)를 위치 인자로도 받고, 기본값은 rate=0.01, niter=10이다"""
    X, y = nonseparable(rng, 15, 2)
    for args, words in (((0.3, 4), "Perceptron(0.3, 4)"), ((0.5,), "Perceptron(0.5)"), ((), "Perceptron()")):
        got = student.Perceptron(*args).fit(X, y)
        expected = reference.Perceptron(*args).fit(X.copy(), y.copy())
        expect_array(got.weight, expected.weight, atol=TOL.training_abs, rtol=TOL.training_rel,
                     what=f"{words}로 fit 한 weight")
        expect_equal(got.errors, expected.errors, what=f"{words}로 fit 한 errors")


@pytest.mark.weight(2)
@names_unwritten_methods("Perceptron")
def test_Perceptron_refit_starts_over(student, reference, rng):
    """같은 객체로 fit을 다시 하면 처음부터 다시 학습한다 (weight, errors는 그 학습만의 것)"""
    (X1, y1), (X2, y2) = nonseparable(rng, 12, 3), separable(rng, 14, 3)
    p = student.Perceptron(rate=0.2, niter=5)
    p.fit(X1, y1)
    p.fit(X2, y2)
    expected = reference.Perceptron(rate=0.2, niter=5).fit(X2.copy(), y2.copy())
    expect_array(p.weight, expected.weight, atol=TOL.training_abs, rtol=TOL.training_rel,
                 what="두 번째 fit 뒤의 weight (기대값은 두 번째 데이터로만 학습한 것)")
    expect_equal(p.errors, expected.errors, what="두 번째 fit 뒤의 errors (기대값은 두 번째 학습의 errors만)")


@pytest.mark.weight(2)
@names_unwritten_methods("Perceptron")
def test_Perceptron_instances_share_nothing(student, reference, rng):
    """두 객체는 상태를 공유하지 않는다 (클래스 수준의 리스트·딕셔너리 없음)"""
    (X1, y1), (X2, y2) = separable(rng, 12, 2), nonseparable(rng, 10, 2)
    p, q = student.Perceptron(rate=0.1, niter=6), student.Perceptron(rate=0.3, niter=4)
    p.fit(X1, y1)
    q.fit(X2, y2)
    expected = reference.Perceptron(rate=0.1, niter=6).fit(X1.copy(), y1.copy())
    expect_array(p.weight, expected.weight, atol=TOL.training_abs, rtol=TOL.training_rel,
                 what="다른 객체가 fit 한 뒤에 본 첫 객체의 weight")
    expect_equal(p.errors, expected.errors, what="다른 객체가 fit 한 뒤에 본 첫 객체의 errors")


@names_unwritten_methods("Perceptron")
def test_Perceptron_predict_sees_the_current_weight_and_data(student, reference, rng):
    """predict와 net_input은 매번 지금의 weight와 입력으로 계산한다 (이전 결과를 재사용하지 않는다)"""
    X, y = separable(rng, 10, 3)
    p = student.Perceptron(rate=0.1, niter=3).fit(X, y)
    q = reference.Perceptron(rate=0.1, niter=3).fit(X.copy(), y.copy())
    Xh = student.put(X)
    p.net_input(Xh)
    p.predict(Xh)
    X2 = rng.normal(scale=2, size=X.shape)
    student.assign(Xh, X2)  # the same array object, new values
    expect_array(p.net_input(Xh), q.net_input(X2), what="값이 바뀐 같은 배열에 대한 net_input")
    expect_array(p.predict(Xh), q.predict(X2), what="값이 바뀐 같은 배열에 대한 predict")
    weight = rng.normal(size=4)
    p.weight, q.weight = weight, weight.copy()
    expect_array(p.predict(X2), q.predict(X2), what="weight를 바꾼 뒤의 predict")
