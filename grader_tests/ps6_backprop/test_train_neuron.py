"""Hidden graders for train_neuron (ps6_backprop)."""
import dataclasses

import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery
from nnbasics.release_kit.selfcheck import TOL, expect_array, expect_true, expect_unchanged

# (N, d, lr, epochs): several sizes, learning rates and epoch counts
CASES = [(8, 3, 0.5, 60), (6, 1, 2.0, 25), (10, 4, 0.1, 150), (4, 2, 1.0, 1000)]


def problem(rng, n, d):
    """X (n, d), Y (n, 1) of 0/1, W (d, 1), b a float."""
    return (rng.normal(size=(n, d)), rng.integers(0, 2, size=(n, 1)).astype(float),
            rng.normal(size=(d, 1)), float(rng.normal()))


def error(reference, X, Y, W, b):
    """E = ½ Σ (σ(XW + b) - Y)², the loss train_neuron descends."""
    return 0.5 * float(np.sum((reference.sigmoid(X @ W + b) - Y) ** 2))


def trained(fn, X, Y, W, b, **kwargs):
    result = fn(X, Y, W, b, **kwargs)
    expect_true(isinstance(result, (tuple, list)) and len(result) == 2,
                "train_neuron은 (W, b) 두 값을 튜플(tuple)로 돌려줘야 해요")
    return result


@pytest.mark.weight(2)
def test_train_neuron_W_matches_reference(student, reference, rng):
    """학습한 W가 참조 구현과 같다: 여러 학습률(lr), 에포크 수, 크기"""
    for n, d, lr, epochs in CASES:
        X, Y, W, b = problem(rng, n, d)
        W_ref, _ = reference.train_neuron(X, Y, W.copy(), b, lr=lr, epochs=epochs)
        W_got, _ = trained(student.train_neuron, X, Y, W, b, lr=lr, epochs=epochs)
        expect_array(W_got, W_ref, atol=TOL.training_abs, rtol=TOL.training_rel,
                     what=f"lr={lr}, epochs={epochs}, X {X.shape}로 학습한 W")


@pytest.mark.weight(2)
def test_train_neuron_b_matches_reference(student, reference, rng):
    """학습한 편향 b가 참조 구현과 같다 (b도 갱신한다)"""
    for n, d, lr, epochs in CASES:
        X, Y, W, b = problem(rng, n, d)
        _, b_ref = reference.train_neuron(X, Y, W.copy(), b, lr=lr, epochs=epochs)
        _, b_got = trained(student.train_neuron, X, Y, W, b, lr=lr, epochs=epochs)
        expect_array(b_got, b_ref, atol=TOL.training_abs, rtol=TOL.training_rel,
                     what=f"lr={lr}, epochs={epochs}, X {X.shape}로 학습한 b")


@pytest.mark.weight(2)
def test_train_neuron_one_epoch_is_a_gradient_step(student, reference, rng):
    """한 에포크는 W ← W - lr·∂E/∂W, b ← b - lr·∂E/∂b이다 (E = ½Σ(A - Y)², 중앙 차분과 비교)"""
    X, Y, W, b = problem(rng, 7, 3)
    W_now = W.copy()
    dW = reference.numerical_gradient(lambda _: error(reference, X, Y, W_now, b), W_now)
    db = reference.numerical_gradient(lambda v: error(reference, X, Y, W, float(v[0])), np.array([b]))[0]
    W_got, b_got = trained(student.train_neuron, X, Y, W, b, lr=1.0, epochs=1)
    expect_array(np.asarray(W) - W_got, dW, atol=TOL.numerical_gradient_abs, rtol=0,
                 what="lr=1, epochs=1일 때 W의 변화량 W - W_new (기대값은 E의 중앙 차분)")
    expect_array(b - b_got, db, atol=TOL.numerical_gradient_abs, rtol=0,
                 what="lr=1, epochs=1일 때 b의 변화량 b - b_new (기대값은 E의 중앙 차분)")


def test_train_neuron_reduces_error(student, reference, rng):
    """작은 학습률로 학습하면 오차 E = ½Σ(A - Y)² 가 줄어든다"""
    X, Y, W, b = problem(rng, 9, 2)
    W_got, b_got = trained(student.train_neuron, X, Y, W, b, lr=0.05, epochs=20)
    before, after = error(reference, X, Y, W, b), error(reference, X, Y, np.asarray(W_got), b_got)
    expect_true(after < before, f"lr=0.05로 20 에포크 학습했더니 E가 {before:.4g}에서 {after:.4g}로 "
                                "줄지 않았어요 (기울기의 부호를 확인하세요)")


def test_train_neuron_default_arguments(student, reference, rng):
    """기본값 lr=1.0, epochs=1000으로 학습한 결과가 참조 구현과 같다"""
    X, Y, W, b = problem(rng, 5, 2)
    W_ref, b_ref = reference.train_neuron(X, Y, W.copy(), b)
    W_got, b_got = trained(student.train_neuron, X, Y, W, b)
    expect_array(W_got, W_ref, atol=TOL.training_abs, rtol=TOL.training_rel, what="기본값으로 학습한 W")
    expect_array(b_got, b_ref, atol=TOL.training_abs, rtol=TOL.training_rel, what="기본값으로 학습한 b")


def test_train_neuron_zero_epochs(student, rng):
    """epochs=0이면 W, b를 그대로 돌려준다"""
    X, Y, W, b = problem(rng, 5, 3)
    W_got, b_got = trained(student.train_neuron, X, Y, W, b, lr=1.0, epochs=0)
    expect_array(W_got, W, what="epochs=0일 때 돌려준 W")
    expect_array(b_got, b, what="epochs=0일 때 돌려준 b")


def test_train_neuron_leaves_inputs_unchanged(student, reference, rng):
    """올바르게 학습하면서 호출한 쪽의 W, X, Y 배열은 바꾸지 않는다"""
    X, Y, W, b = problem(rng, 6, 2)
    Xh, Yh, Wh = student.put(X), student.put(Y), student.put(W)
    got_W, _ = student.train_neuron(Xh, Yh, Wh, b, lr=0.5, epochs=10)
    expected_W, _ = reference.train_neuron(X.copy(), Y.copy(), W.copy(), b, lr=0.5, epochs=10)
    expect_array(got_W, expected_W, rtol=TOL.training_rel, atol=TOL.training_abs, what="학습한 W")
    expect_unchanged(student.get(Wh), W, what="train_neuron에 넘긴 W")
    expect_unchanged(student.get(Xh), X, what="train_neuron에 넘긴 X")
    expect_unchanged(student.get(Yh), Y, what="train_neuron에 넘긴 Y")


def contract_cases(rng):
    def case(label, n, d, lr, epochs):
        return Case(label, (*problem(rng, n, d), lr, epochs))

    return [case("작은 문제", 6, 2, 0.5, 20), case("다른 작은 문제", 6, 2, 1.5, 20),
            case("특성 하나 (d = 1)", 5, 1, 1.0, 30), case("샘플 하나 (N = 1)", 1, 3, 0.5, 15),
            dataclasses.replace(case("에포크 0 번 (아무것도 바꾸지 않는다)", 4, 2, 1.0, 0), fresh=False),
            case("큰 학습률", 8, 3, 10.0, 10), learnable(rng), learnable(rng)]


def learnable(rng):
    """A problem the neuron learns almost perfectly: the error falls far below 1e-3 on the way."""
    # Every point away from the boundary, and a rate at which the error falls steadily (a
    # larger one saturates the neuron in one step, after which nothing changes): an answer
    # that stops early is off here in >99.6 % of draws (simulated), two draws in the cases.
    X = rng.normal(scale=2, size=(60, 2))
    X = X[np.abs(X @ np.array([2.0, -1.0])) > 1][:8]
    Y = (X @ np.array([[2.0], [-1.0]]) > 0).astype(float)
    return Case("오차가 아주 작아질 때까지 학습되는 문제", (X, Y, np.zeros((2, 1)), 0.0, 2.0, 800))


TestContract = battery(Function(
    "train_neuron", [Param("X"), Param("Y"), Param("W"), Param("b"), Param("lr", 1.0), Param("epochs", 1000)],
    contract_cases, atol=TOL.training_abs, rtol=TOL.training_rel))
