"""Hidden graders for TwoLayerNet (ps6_backprop)."""

import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import (
    TOL,
    expect_array,
    expect_equal,
    expect_true,
    names_unwritten_methods,
)

KEYS = ["W1", "W2", "b1", "b2"]
SIZES = [(2, 4, 2), (5, 3, 4), (1, 6, 3)]   # (input_size, hidden_size, output_size)

# Sampling bounds for the initial weights (>= 4800 draws per matrix): the sample std of n
# normal draws has relative standard error 1/sqrt(2n) <= 1.1%, so 5% is > 4.5 standard errors;
# the sample mean has standard error std/sqrt(n), allowed 6 of them.
STD_REL = 0.05
MEAN_SE = 6

# Copies values into the network's own arrays, so a net whose layers share those arrays sees them too.
SET_PARAMS = "lambda net, P: [np.copyto(net.params[k], P[k]) for k in P] and None"


def random_params(rng, i, h, o):
    """Weights with std 1 (as in the spec's gradient-check note) and non-zero biases."""
    return {"W1": rng.normal(size=(i, h)), "b1": rng.normal(scale=0.5, size=h),
            "W2": rng.normal(size=(h, o)), "b2": rng.normal(scale=0.5, size=o)}


def data(rng, n, i, o):
    """x (n, i) and one-hot t (n, o)."""
    return rng.normal(size=(n, i)), np.eye(o)[rng.integers(0, o, size=n)]


def nets(student, reference, rng):
    """(size, student net, reference net) with the same random params."""
    set_params = student.function(SET_PARAMS)
    for size in SIZES:
        params = random_params(rng, *size)
        mine, ref = student.TwoLayerNet(*size), reference.TwoLayerNet(*size)
        set_params(mine, params)
        ref.params = {k: v.copy() for k, v in params.items()}
        yield size, mine, ref


def params_of(net, what):
    """net.params, after checking it is a dict with the keys W1, b1, W2, b2."""
    params = net.params
    expect_true(isinstance(params, dict), f"{what}의 params는 딕셔너리(dict)여야 해요")
    expect_equal(sorted(params), KEYS, what=f"{what}의 params의 키(key)")
    return params


def expect_grads(got, expected, *, what, atol, rtol, note=""):
    """A dict of gradients with the keys of params, each close to ``expected[key]``."""
    expect_true(isinstance(got, dict), f"{what}: 딕셔너리(dict)를 기대했지만 {type(got).__name__} 객체를 받았어요")
    expect_equal(sorted(got), KEYS, what=f"{what}의 키(key)")
    for key in KEYS:
        expect_array(got[key], expected[key], atol=atol, rtol=rtol, what=f"{what}['{key}']{note}")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_params_shapes_and_zero_biases(student):
    """params는 W1 (입력, 은닉), b1, W2 (은닉, 출력), b2이고 편향은 0이다"""
    for i, h, o in SIZES:
        params = params_of(student.TwoLayerNet(i, h, o), f"TwoLayerNet({i}, {h}, {o})")
        for key, shape in [("W1", (i, h)), ("W2", (h, o))]:
            expect_true(isinstance(params[key], np.ndarray) and params[key].shape == shape,
                        f"TwoLayerNet({i}, {h}, {o}).params['{key}'] 값은 모양 {shape}의 배열이어야 해요")
        expect_array(params["b1"], np.zeros(h), what=f"TwoLayerNet({i}, {h}, {o}).params['b1']")
        expect_array(params["b2"], np.zeros(o), what=f"TwoLayerNet({i}, {h}, {o}).params['b2']")


@pytest.mark.weight(2)
@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_weights_scaled_by_weight_init_std(student, rng):
    """가중치는 weight_init_std * np.random.randn(...): 평균 0, 표준편차 weight_init_std, np.random.seed로 재현된다"""
    for std in (0.01, 0.5, 2.0):
        seed = int(rng.integers(2**31))
        student.seed(seed)
        net = student.TwoLayerNet(100, 80, 60) if std == 0.01 else student.TwoLayerNet(100, 80, 60, weight_init_std=std)
        params = params_of(net, f"weight_init_std={std}인 TwoLayerNet")
        for key in ("W1", "W2"):
            w = np.asarray(params[key], dtype=float)
            expect_array(w.std(), std, atol=0, rtol=STD_REL, what=f"weight_init_std={std}일 때 {key}의 표준편차")
            expect_array(w.mean(), 0.0, atol=MEAN_SE * std / np.sqrt(w.size), rtol=0,
                         what=f"weight_init_std={std}일 때 {key}의 평균")
        student.seed(seed)
        again = student.TwoLayerNet(100, 80, 60, weight_init_std=std).params["W1"]
        expect_true(np.array_equal(again, params["W1"]),
                    "같은 np.random.seed 뒤에 만든 두 신경망의 W1이 달라요: np.random.randn으로 초기화하세요")


@pytest.mark.weight(2)
@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_predict_matches_reference(student, reference, rng):
    """predict는 시그모이드 은닉층과 소프트맥스 출력층의 결과이고, 각 행(row)의 합이 1이다"""
    for size, mine, ref in nets(student, reference, rng):
        x, _ = data(rng, 5, size[0], size[2])
        y = mine.predict(x)
        expect_array(y, ref.predict(x), what=f"TwoLayerNet{size}의 predict 출력")
        expect_array(np.sum(y, axis=1), np.ones(5), what=f"TwoLayerNet{size}의 predict 출력의 행별 합")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_loss_and_accuracy_match_reference(student, reference, rng):
    """loss는 cross_entropy_error(predict(x), t), accuracy는 argmax가 t의 argmax와 같은 행의 비율이다"""
    for size, mine, ref in nets(student, reference, rng):
        x, _ = data(rng, 8, size[0], size[2])
        labels = ref.predict(x).argmax(axis=1)
        wrong = rng.random(8) < 0.4      # change some rows' labels, so the accuracy is not trivial
        labels[wrong] = (labels[wrong] + 1) % size[2]
        t = np.eye(size[2])[labels]
        expect_array(mine.loss(x, t), ref.loss(x, t), what=f"TwoLayerNet{size}의 loss")
        expect_array(mine.accuracy(x, t), ref.accuracy(x, t), what=f"TwoLayerNet{size}의 accuracy")


@pytest.mark.weight(3)
@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_gradient_matches_reference(student, reference, rng):
    """gradient(x, t) (오차역전파)가 참조 구현과 같다"""
    for size, mine, ref in nets(student, reference, rng):
        x, t = data(rng, 6, size[0], size[2])
        expect_grads(mine.gradient(x, t), ref.gradient(x, t), atol=TOL.close_abs, rtol=TOL.close_rel,
                     what=f"TwoLayerNet{size}의 gradient(x, t)")


@pytest.mark.weight(2)
@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_gradient_agrees_with_central_difference(student, reference, rng):
    """gradient(x, t)가 손실의 중앙 차분(수치 미분)과 거의 같다 (기울기 확인, gradient check)"""
    for size, mine, ref in nets(student, reference, rng):
        x, t = data(rng, 4, size[0], size[2])
        expected = {k: reference.numerical_gradient(lambda _: ref.loss(x, t), v) for k, v in ref.params.items()}
        expect_grads(mine.gradient(x, t), expected, atol=TOL.gradient_check_abs, rtol=0,
                     what=f"TwoLayerNet{size}의 gradient(x, t)", note=" (기대값은 손실의 중앙 차분)")


@pytest.mark.weight(2)
@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_numerical_gradient_matches_reference(student, reference, rng):
    """numerical_gradient(x, t)가 매개변수마다의 중앙 차분(h=1e-4)이고, params를 원래대로 둔다"""
    for size, mine, ref in nets(student, reference, rng):
        x, t = data(rng, 4, size[0], size[2])
        before = params_of(mine, f"TwoLayerNet{size}")
        expect_grads(mine.numerical_gradient(x, t), ref.numerical_gradient(x, t),
                     atol=TOL.numerical_gradient_abs, rtol=0, what=f"TwoLayerNet{size}의 numerical_gradient(x, t)")
        after = params_of(mine, f"numerical_gradient를 부른 뒤의 TwoLayerNet{size}")
        for key in KEYS:
            expect_array(after[key], before[key], what=f"numerical_gradient를 부른 뒤의 params['{key}']")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_gradient_leaves_params_and_inputs_unchanged(student, reference, rng):
    """gradient와 loss는 params와 입력 x, t를 바꾸지 않는다"""
    for size, mine, _ in nets(student, reference, rng):
        x, t = data(rng, 5, size[0], size[2])
        before = params_of(mine, f"TwoLayerNet{size}")
        xh, th = student.put(x), student.put(t)
        mine.gradient(xh, th)
        mine.loss(xh, th)
        after = params_of(mine, f"gradient를 부른 뒤의 TwoLayerNet{size}")
        for key in KEYS:
            expect_array(after[key], before[key], atol=0, rtol=0, what=f"gradient를 부른 뒤의 params['{key}']")
        expect_array(student.get(xh), x, atol=0, rtol=0, what="gradient에 넘긴 x")
        expect_array(student.get(th), t, atol=0, rtol=0, what="gradient에 넘긴 t")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_constructor_arguments_by_position_and_default(student, rng):
    """네 인자 (input_size, hidden_size, output_size, weight_init_std)를 위치로 받고, 기본 표준편차는 0.01이다"""
    for args, std in (((60, 80, 70, 2.0), 2.0), ((60, 80, 70), 0.01)):
        net = student.TwoLayerNet(*args)
        params = params_of(net, f"TwoLayerNet{args}")
        i, h, o = args[:3]
        for key, shape in (("W1", (i, h)), ("W2", (h, o))):
            w = params[key]
            expect_true(isinstance(w, np.ndarray) and w.shape == shape,
                        f"TwoLayerNet{args}의 params['{key}'] 값은 모양 {shape}의 배열이어야 해요")
            expect_true(abs(float(w.std()) / std - 1) < STD_REL,
                        f"TwoLayerNet{args}의 params['{key}'] 표준편차가 {float(w.std()):.4g}예요 (기대 {std})")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_randomness_comes_from_the_callers_seed(student):
    """가중치의 난수는 호출한 쪽의 np.random.seed를 따른다 (__init__ 안에서 시드를 다시 정하지 않는다)"""
    def weights(seed):
        student.seed(seed)
        params = params_of(student.TwoLayerNet(3, 4, 2), "TwoLayerNet(3, 4, 2)")
        return params["W1"], params["W2"]

    first, again, other = weights(11), weights(11), weights(12)
    for key, a, b, c in zip(("W1", "W2"), first, again, other):
        expect_array(b, a, what=f"같은 시드로 다시 만든 params['{key}'] (기대값은 처음 만든 것)")
        expect_true(not np.allclose(a, c),
                    f"다른 시드로 만든 params['{key}'] 값이 같아요: __init__이 시드를 정하면 안 돼요")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_instances_share_nothing(student, reference, rng):
    """두 신경망은 params를 공유하지 않고, predict는 지금의 params로 매번 계산한다"""
    size = (3, 4, 2)
    set_params = student.function(SET_PARAMS)
    one, two = student.TwoLayerNet(*size), student.TwoLayerNet(*size)
    first, second = random_params(rng, *size), random_params(rng, *size)
    set_params(one, first)
    set_params(two, second)
    x, _ = data(rng, 5, size[0], size[2])
    xh = student.put(x)  # the same array object for every call: a cache keyed on it is found
    ref = reference.TwoLayerNet(*size)
    ref.params = {k: v.copy() for k, v in first.items()}
    expect_array(one.predict(xh), ref.predict(x), what="다른 신경망의 params를 정한 뒤 첫 신경망의 predict")
    third = random_params(rng, *size)
    set_params(one, third)  # same arrays, new values: a cached forward pass is stale now
    ref.params = {k: v.copy() for k, v in third.items()}
    expect_array(one.predict(xh), ref.predict(x), what="params 값을 바꾼 뒤의 predict")
