"""Hidden graders for sigmoid_grad (ps6_backprop)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery, float_arrays, integer_arrays, one_array_cases
from nnbasics.release_kit.selfcheck import TOL, expect_array, expect_true, expect_unchanged


@pytest.mark.weight(2)
def test_sigmoid_grad_matches_reference_on_arrays(student, reference, rng):
    """여러 모양(shape)의 배열에서 σ(x)(1 - σ(x))와 같다"""
    for shape in [(6,), (3, 4), (2, 3, 2)]:
        x = rng.normal(scale=4.0, size=shape)
        expect_array(student.sigmoid_grad(x), reference.sigmoid_grad(x),
                     what=f"모양 {shape} 배열에 대한 sigmoid_grad 출력")


def test_sigmoid_grad_on_scalars(student, reference, rng):
    """스칼라(파이썬 float, numpy 실수) 입력에서도 동작한다"""
    for x in [float(rng.normal(scale=3.0)), np.float64(rng.normal(scale=3.0)), 0.0]:
        expect_array(student.sigmoid_grad(x), reference.sigmoid_grad(x),
                     what=f"스칼라({type(x).__name__}) 입력에 대한 sigmoid_grad 출력")


@pytest.mark.weight(2)
def test_sigmoid_grad_is_derivative_at_pre_activation(student, reference, rng):
    """pre-activation x에서의 시그모이드 기울기다 (중앙 차분과 비교)"""
    x = rng.uniform(-6.0, 6.0, size=12)
    h = 1e-4
    expected = (reference.sigmoid(x + h) - reference.sigmoid(x - h)) / (2 * h)
    expect_array(student.sigmoid_grad(x), expected, atol=TOL.numerical_gradient_abs, rtol=0,
                 what="sigmoid_grad(x) (기대값은 sigmoid의 중앙 차분, h=1e-4)")


def test_sigmoid_grad_symmetric_with_peak_at_zero(student, rng):
    """σ'(-x) = σ'(x)이고, 최댓값은 σ'(0) = 0.25이다"""
    x = rng.normal(scale=3.0, size=10)
    got, mirrored = student.sigmoid_grad(x), student.sigmoid_grad(-x)
    expect_array(mirrored, got, what="sigmoid_grad(-x) (기대값은 sigmoid_grad(x))")
    expect_array(student.sigmoid_grad(np.zeros(3)), np.full(3, 0.25), what="sigmoid_grad(np.zeros(3))")
    expect_true(np.all((got > 0) & (got <= 0.25)), "sigmoid_grad의 값은 0보다 크고 0.25 이하여야 해요")


def test_sigmoid_grad_large_inputs(student, reference):
    """|x|가 커도 유한(finite)하고 0에 가깝다"""
    x = np.array([-50.0, -30.0, -10.0, 10.0, 30.0, 50.0])
    expect_array(student.sigmoid_grad(x), reference.sigmoid_grad(x), what="큰 |x|에 대한 sigmoid_grad 출력")


def test_sigmoid_grad_leaves_input_unchanged(student, reference, rng):
    """올바른 값을 돌려주면서 입력 배열은 바꾸지 않는다"""
    x = rng.normal(size=(3, 4))
    handle = student.put(x)
    expect_array(student.sigmoid_grad(handle), reference.sigmoid_grad(x), what="sigmoid_grad 출력")
    expect_unchanged(student.get(handle), x, what="sigmoid_grad의 입력 배열")


def contract_cases(rng):
    scalars = [Case("스칼라 float", (float(rng.normal(scale=2)),)), Case("스칼라 int", (int(rng.integers(-3, 4)),)),
               Case("꼬리 부분 (-40 ~ -20, 값이 1e-9 ~ 1e-18)", (rng.uniform(-40, -20, size=6),))]
    # no "no overflow" in the spec's row: e^{-x} / (1 + e^{-x})^2 may overflow at ±1000
    return one_array_cases(float_arrays(rng, huge=False) + integer_arrays(rng, small_types=False)) + scalars


TestContract = battery(Function("sigmoid_grad", [Param("x")], contract_cases, dtype="float",
                                reference_on_floats=True, atol=TOL.tails_abs))
