"""Hidden graders for step_function (ps2_activations)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery, float_arrays, integer_arrays, one_array_cases
from nnbasics.release_kit.selfcheck import expect_array

SHAPES = [(7,), (3, 4), (2, 3, 4)]


def _scalars(rng):
    """One Python float, one Python int and one numpy float, each of either sign."""
    sign = rng.choice([-1, 1], size=3)
    return [float(sign[0] * rng.uniform(0.1, 5)), int(sign[1] * rng.integers(1, 10)),
            np.float64(sign[2] * rng.uniform(0.1, 5))]


@pytest.mark.weight(2)
def test_step_function_values_on_arrays(student, reference, rng):
    """1차원, 2차원, 3차원 배열의 각 원소에 대해 x > 0이면 1, 아니면 0 이다"""
    for shape in SHAPES:
        x = rng.normal(scale=2, size=shape)
        expect_array(student.step_function(x), reference.step_function(x),
                     what=f"{len(shape)}-D 입력에 대한 step_function 출력")


@pytest.mark.weight(2)
def test_step_function_returns_integers(student, reference, rng):
    """출력의 dtype이 정수(int)이다 (bool이나 float가 아니다)"""
    for shape in SHAPES:
        x = rng.normal(scale=2, size=shape)
        expect_array(student.step_function(x), reference.step_function(x), dtype="int",
                     what=f"{len(shape)}-D 입력에 대한 step_function 출력")
    for x in _scalars(rng):
        expect_array(student.step_function(x), reference.step_function(x), dtype="int",
                     what=f"스칼라 {type(x).__name__} 입력에 대한 step_function 출력")


def test_step_function_zero_maps_to_zero(student, reference, rng):
    """경계값 0에서는 0이다 (x >= 0이 아니라 x > 0)"""
    for zero in (0, 0.0, -0.0):
        expect_array(student.step_function(zero), 0, what=f"step_function({zero!r})")
    x = rng.normal(size=(4, 5))
    x[rng.random(x.shape) < 0.4] = 0.0
    expect_array(student.step_function(x), reference.step_function(x),
                 what="0이 섞인 2차원 입력에 대한 step_function 출력")


def test_step_function_scalars(student, reference, rng):
    """스칼라(scalar) 입력에도 동작한다"""
    for x in _scalars(rng):
        expect_array(student.step_function(x), reference.step_function(x),
                     what=f"스칼라 {type(x).__name__} 입력에 대한 step_function 출력")


def test_step_function_integer_arrays(student, reference, rng):
    """정수 배열 입력에도 같은 규칙으로 동작한다"""
    for shape in SHAPES[:2]:
        x = rng.integers(-3, 4, size=shape)
        expect_array(student.step_function(x), reference.step_function(x),
                     what=f"{len(shape)}-D 정수 배열에 대한 step_function 출력")


def contract_cases(rng):
    scalars = [Case("스칼라 float", (float(rng.normal(scale=2)),)), Case("스칼라 int", (int(rng.integers(-3, 4)),))]
    return one_array_cases(float_arrays(rng) + integer_arrays(rng)) + scalars


TestContract = battery(Function("step_function", [Param("x")], contract_cases, dtype="int",
                                reference_on_floats=True))
