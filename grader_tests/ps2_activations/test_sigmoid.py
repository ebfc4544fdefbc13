"""Hidden graders for sigmoid (ps2_activations)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery, float_arrays, integer_arrays, one_array_cases
from nnbasics.release_kit.selfcheck import TOL, expect_array, expect_ndarray

SHAPES = [(7,), (3, 4), (2, 3, 4)]


def _reference(reference, x):
    # The plain formula overflows in exp(-x) for x << 0 (value still right): silence it here.
    with np.errstate(over="ignore"):
        return reference.sigmoid(x)


@pytest.mark.weight(2)
def test_sigmoid_matches_reference_on_arrays(student, reference, rng):
    """1차원, 2차원, 3차원 배열에 원소별(elementwise)로 1 / (1 + exp(-x))를 계산한다 (float)"""
    for shape in SHAPES:
        x = rng.normal(scale=4, size=shape)
        expect_array(student.sigmoid(x), _reference(reference, x), dtype="float",
                     what=f"{len(shape)}-D 입력에 대한 sigmoid 출력")


def test_sigmoid_scalars(student, reference, rng):
    """스칼라(scalar) 입력에도 동작한다"""
    for x in (float(rng.normal(scale=3)), int(rng.integers(-5, 6)), np.float64(rng.normal(scale=3))):
        expect_array(student.sigmoid(x), _reference(reference, x), dtype="float",
                     what=f"스칼라 {type(x).__name__} 입력에 대한 sigmoid 출력")


@pytest.mark.weight(2)
def test_sigmoid_extreme_inputs(student, reference, rng):
    """±1000 같은 큰 입력에서도 유한(finite)하고 [0, 1] 안에 있다"""
    x = np.concatenate([[-1000.0, 1000.0], rng.uniform(300, 1000, size=4) * rng.choice([-1, 1], size=4)])
    got = student.sigmoid(x)
    expect_array(got, _reference(reference, x), what="큰 입력에 대한 sigmoid 출력")
    expect_array(np.clip(got, 0, 1), got, what="큰 입력에 대한 sigmoid 출력 ([0, 1] 범위)")


def test_sigmoid_symmetry(student, rng):
    """sigmoid(x) + sigmoid(-x) = 1 이다"""
    x = rng.normal(scale=5, size=(3, 5))
    total = expect_ndarray(student.sigmoid(x), what="sigmoid 출력", shape=x.shape) + expect_ndarray(
        student.sigmoid(-x), what="sigmoid 출력", shape=x.shape)
    # identity: 1/(1+e^-x) + 1/(1+e^x) = 1
    expect_array(total, np.ones_like(x), atol=TOL.close_abs, what="sigmoid(x) + sigmoid(-x)")


def test_sigmoid_integer_arrays(student, reference, rng):
    """정수 배열 입력에도 실수(float) 결과를 돌려준다"""
    x = rng.integers(-6, 7, size=(2, 5))
    expect_array(student.sigmoid(x), _reference(reference, x), dtype="float",
                 what="정수 배열에 대한 sigmoid 출력")


def contract_cases(rng):
    # int8 and uint8 are left out: np.exp of them is float16 (the book's formula too)
    scalars = [Case("스칼라 float", (float(rng.normal(scale=2)),)), Case("스칼라 int", (int(rng.integers(-3, 4)),)),
               Case("꼬리 부분 (-40 ~ -20, 값이 1e-9 ~ 1e-18)", (rng.uniform(-40, -20, size=6),))]
    return one_array_cases(float_arrays(rng) + integer_arrays(rng, small_types=False)) + scalars


TestContract = battery(Function("sigmoid", [Param("x")], contract_cases, dtype="float", reference_on_floats=True,
                                atol=TOL.tails_abs))
