"""Hidden graders for gradient_check (ps8_minibatch_training).

gradient_check is graded on stand-in networks built on the student's side, whose two
gradients are known arrays (depending on x and t), so a mistake in a TwoLayerNet is not
charged here; one test also runs it on the given TwoLayerNet.
"""
import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import TOL, expect_array, expect_equal, expect_true, expect_unchanged

# gradient(x, t) = G + sum(x) and numerical_gradient(x, t) = M + sum(t), key by key: both
# depend on the arguments, so calling them with anything but (x, t) changes the result.
STAND_IN = """type("StandIn", (), {
    "gradient": lambda self, x, t: {k: G[k] + float(np.sum(x)) for k in G},
    "numerical_gradient": lambda self, x, t: {k: M[k] + float(np.sum(t)) for k in M},
})"""

# Copies values into the network's own arrays.
SET_PARAMS = "lambda net, P: [np.copyto(net.params[k], P[k]) for k in P] and None"


def stand_in(student, rng, shapes, scale=1.0):
    """(student-side network, G, M): params zeros of `shapes`, gradients G and M."""
    G = {k: rng.normal(scale=scale, size=s) for k, s in shapes.items()}
    M = {k: G[k] + rng.normal(scale=scale * rng.uniform(0.01, 1.0), size=s) for k, s in shapes.items()}
    net = student.function(STAND_IN, G=G, M=M)()
    net.params = {k: np.zeros(s) for k, s in shapes.items()}
    return net, G, M


def expected_check(G, M, x, t):
    """The spec's formula: mean |gradient - numerical_gradient| for every key."""
    return {k: float(np.mean(np.abs((G[k] + np.sum(x)) - (M[k] + np.sum(t))))) for k in G}


def result_of(student, net, x, t, keys, what):
    got = student.gradient_check(net, x, t)
    expect_true(isinstance(got, dict),
                f"{what}: 딕셔너리(dict)를 돌려줘야 해요 (받은 값: {type(got).__name__})")
    expect_equal(sorted(got), sorted(keys), what=f"{what}의 키(key) (기대값은 network.params의 키)")
    return got


TWO_LAYER = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}


@pytest.mark.weight(2)
def test_gradient_check_mean_absolute_difference(student, rng):
    """키마다 |gradient(x, t)[key] - numerical_gradient(x, t)[key]|의 평균(mean)인 실수다"""
    for scale in (1.0, 1e-3):
        net, G, M = stand_in(student, rng, TWO_LAYER, scale)
        x, t = rng.normal(scale=scale, size=(5, 3)), np.eye(2)[rng.integers(0, 2, size=5)] * scale
        got = result_of(student, net, x, t, TWO_LAYER, "gradient_check(network, x, t)")
        for key, value in expected_check(G, M, x, t).items():
            expect_array(got[key], value, what=f"gradient_check(network, x, t)['{key}'] (기대값은 절댓값 차이의 평균)")


def test_gradient_check_keyword_arguments(student, rng):
    """gradient_check(network=..., x=..., t=...)처럼 키워드(keyword)로 불러도 된다"""
    net, G, M = stand_in(student, rng, TWO_LAYER)
    x, t = rng.normal(size=(2, 3)), np.eye(2)[rng.integers(0, 2, size=2)]
    got = student.gradient_check(network=net, x=x, t=t)
    expect_true(isinstance(got, dict), "gradient_check(network=..., x=..., t=...)는 딕셔너리(dict)를 돌려줘야 해요")
    for key, value in expected_check(G, M, x, t).items():
        expect_array(got.get(key), value, what=f"gradient_check(network=..., x=..., t=...)['{key}']")


@pytest.mark.weight(2)
def test_gradient_check_every_key_of_params(student, rng):
    """network.params의 키가 W1, b1, W2, b2가 아니어도 그 키마다 값을 낸다"""
    for shapes in [{"W1": (2, 3), "b1": (3,), "W2": (3, 3), "b2": (3,), "W3": (3, 2), "b3": (2,)},
                   {"weight": (4, 2), "bias": (2,)}]:
        net, G, M = stand_in(student, rng, shapes)
        x, t = rng.normal(size=(3, 2)), np.eye(2)[rng.integers(0, 2, size=3)]
        got = result_of(student, net, x, t, shapes, f"키가 {sorted(shapes)}인 network의 gradient_check")
        for key, value in expected_check(G, M, x, t).items():
            expect_array(got[key], value, what=f"키가 {sorted(shapes)}인 network의 gradient_check(...)['{key}']")


def test_gradient_check_known_differences(student, rng):
    """차이가 +d, -d처럼 부호가 섞여도 절댓값의 평균이다 (최댓값, 합, 부호 있는 평균이 아니다)"""
    d = float(rng.uniform(0.5, 2.0))
    G = {"W": np.zeros((2, 3)), "b": np.zeros(4)}
    # W: differences d, -d, 3d, -3d, 0, 0 -> mean |.| = 8d / 6; b: d, d, d, 5d -> 2d
    M = {"W": -d * np.array([[1.0, -1.0, 3.0], [-3.0, 0.0, 0.0]]), "b": -d * np.array([1.0, 1.0, 1.0, 5.0])}
    net = student.function(STAND_IN, G=G, M=M)()
    net.params = {"W": np.zeros((2, 3)), "b": np.zeros(4)}
    zeros = np.zeros((1, 2))
    got = result_of(student, net, zeros, zeros, G, "gradient_check")
    expect_array(got["W"], 8 * d / 6, what="차이가 (d, -d, 3d, -3d, 0, 0)인 W의 gradient_check 값")
    expect_array(got["b"], 2 * d, what="차이가 (d, d, d, 5d)인 b의 gradient_check 값")


def test_gradient_check_values_are_floats(student, rng):
    """각 값은 실수 하나(스칼라)다 (배열이나 리스트가 아니다)"""
    net, G, M = stand_in(student, rng, TWO_LAYER)
    x, t = rng.normal(size=(2, 3)), np.eye(2)
    got = result_of(student, net, x, t, TWO_LAYER, "gradient_check")
    expected = expected_check(G, M, x, t)
    for key in TWO_LAYER:
        value = got[key]
        expect_true(np.ndim(value) == 0 and np.asarray(value).dtype.kind in "iuf",
                    f"gradient_check(...)['{key}']는 실수 하나여야 해요")
        expect_array(value, expected[key], what=f"gradient_check(...)['{key}']")


def test_gradient_check_on_the_given_TwoLayerNet(student, reference, rng):
    """주어진 TwoLayerNet에서 참조 구현과 같은 값이고, 모두 작다 (1e-4 미만)"""
    params = {"W1": rng.normal(size=(4, 3)), "b1": rng.normal(scale=0.5, size=3),
              "W2": rng.normal(size=(3, 2)), "b2": rng.normal(scale=0.5, size=2)}
    mine = student.TwoLayerNet(4, 3, 2)
    student.function(SET_PARAMS)(mine, params)
    ours = reference.TwoLayerNet(4, 3, 2)
    ours.params = {k: v.copy() for k, v in params.items()}
    x, t = rng.uniform(0, 1, size=(3, 4)), np.eye(2)[rng.integers(0, 2, size=3)]
    got = result_of(student, mine, x, t, params, "TwoLayerNet의 gradient_check")
    expected = reference.gradient_check(ours, x, t)
    for key in params:
        expect_array(got[key], expected[key], what=f"TwoLayerNet의 gradient_check(...)['{key}']")
        # backprop and central differences of a correct network agree far within this (TOL's note)
        expect_true(float(got[key]) < TOL.gradient_check_abs,
                    f"TwoLayerNet의 gradient_check(...)['{key}']가 {TOL.gradient_check_abs:g}보다 커요")


def test_gradient_check_leaves_network_and_inputs_unchanged(student, reference, rng):
    """올바른 값을 돌려주면서 network.params와 입력 x, t를 바꾸지 않는다"""
    params = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=2),
              "W2": rng.normal(size=(2, 2)), "b2": rng.normal(size=2)}
    mine = student.TwoLayerNet(3, 2, 2)
    student.function(SET_PARAMS)(mine, params)
    x, t = rng.uniform(0, 1, size=(4, 3)), np.eye(2)[rng.integers(0, 2, size=4)]
    ours = reference.TwoLayerNet(3, 2, 2)
    ours.params = {k: v.copy() for k, v in params.items()}
    expected = reference.gradient_check(ours, x, t)
    xh, th = student.put(x), student.put(t)
    got = result_of(student, mine, xh, th, params, "TwoLayerNet의 gradient_check")
    for key in params:
        expect_array(got[key], expected[key], what=f"TwoLayerNet의 gradient_check(...)['{key}']")
    after = mine.params
    for key in params:
        expect_array(after[key], params[key], what=f"gradient_check를 부른 뒤의 params['{key}']")
    expect_unchanged(student.get(xh), x, what="gradient_check에 넘긴 x")
    expect_unchanged(student.get(th), t, what="gradient_check에 넘긴 t")
