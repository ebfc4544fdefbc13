"""Hidden graders for relu (ps2_activations)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery, float_arrays, integer_arrays, one_array_cases
from nnbasics.release_kit.selfcheck import expect_array, expect_ndarray, expect_unchanged

SHAPES = [(7,), (3, 4), (2, 3, 4)]


@pytest.mark.weight(2)
def test_relu_matches_reference_on_arrays(student, reference, rng):
    """1차원, 2차원, 3차원 배열에 원소별(elementwise)로 max(0, x)를 계산한다"""
    for shape in SHAPES:
        x = rng.normal(scale=2, size=shape)
        expect_array(student.relu(x), reference.relu(x), dtype="float",
                     what=f"{len(shape)}-D 실수 입력에 대한 relu 출력")


def test_relu_scalars(student, reference, rng):
    """스칼라(scalar) 입력에도 동작한다 (음수는 0, 양수는 그대로)"""
    for x in (float(rng.uniform(0.1, 5)), -float(rng.uniform(0.1, 5)), 0.0,
              int(rng.integers(1, 10)), -int(rng.integers(1, 10)), np.float64(rng.normal())):
        expect_array(student.relu(x), reference.relu(x),
                     what=f"스칼라 {type(x).__name__} 입력에 대한 relu 출력")


def test_relu_threshold_is_zero(student, reference, rng):
    """0보다 조금 큰 값은 그대로, 0보다 조금 작은 값은 0이 된다 (기준은 0)"""
    x = rng.uniform(-1, 1, size=(4, 6))
    expect_array(student.relu(x), reference.relu(x), what="0 근처 값에 대한 relu 출력")


def test_relu_identity(student, rng):
    """relu(x) - relu(-x) = x 이다"""
    x = rng.normal(scale=3, size=(5, 4))
    # identity: max(0, x) - max(0, -x) = x, exactly in floating point
    difference = expect_ndarray(student.relu(x), what="relu 출력", shape=x.shape) - expect_ndarray(
        student.relu(-x), what="relu 출력", shape=x.shape)
    expect_array(difference, x, what="relu(x) - relu(-x)")


def test_relu_integer_arrays(student, reference, rng):
    """정수 배열 입력에도 동작한다"""
    x = rng.integers(-5, 6, size=(3, 4))
    expect_array(student.relu(x), reference.relu(x), what="정수 배열에 대한 relu 출력")


def test_relu_leaves_input_unchanged(student, reference, rng):
    """올바른 값을 돌려주면서 입력 배열은 바꾸지 않는다"""
    for shape in SHAPES[:2]:
        x = rng.normal(size=shape)
        handle = student.put(x)
        expect_array(student.relu(handle), reference.relu(x), what="relu 출력")
        expect_unchanged(student.get(handle), x, what="relu의 입력 배열")


def contract_cases(rng):
    scalars = [Case("스칼라 float", (float(rng.normal(scale=2)),)), Case("스칼라 int", (int(rng.integers(-3, 4)),))]
    return one_array_cases(float_arrays(rng) + integer_arrays(rng)) + scalars


TestContract = battery(Function("relu", [Param("x")], contract_cases))
