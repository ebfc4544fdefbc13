"""Hidden graders for mean_squared_error (ps4_loss_gradient)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery
from nnbasics.release_kit.selfcheck import expect_array, expect_unchanged


def probabilities(rng, shape):
    """Rows of a softmax of random scores: what a network's output looks like."""
    a = rng.normal(scale=2, size=shape)
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def one_hot(rng, shape):
    shape = np.atleast_1d(shape)
    t = np.zeros(shape)
    labels = rng.integers(shape[-1], size=tuple(shape[:-1]))
    np.put_along_axis(t, labels[..., None], 1.0, axis=-1)
    return t


@pytest.mark.weight(2)
def test_mean_squared_error_one_sample(student, reference, rng):
    """한 샘플(확률 y, 원-핫 t)에 대해 0.5 * Σ(y - t)²를 돌려준다"""
    for k in (3, 10):
        y, t = probabilities(rng, k), one_hot(rng, k)
        expect_array(student.mean_squared_error(y, t), reference.mean_squared_error(y, t),
                     dtype="float", what=f"길이 {k}의 y, t에 대한 mean_squared_error")


@pytest.mark.weight(2)
def test_mean_squared_error_batch_sums_every_element(student, reference, rng):
    """2차원 배치도 모든 원소의 합의 ½이다 (N이나 원소 개수로 나누지 않는다)"""
    for n, k in ((4, 10), (3, 5)):
        y, t = probabilities(rng, (n, k)), one_hot(rng, (n, k))
        expect_array(student.mean_squared_error(y, t), reference.mean_squared_error(y, t),
                     dtype="float", what=f"모양 ({n}, {k}) 배치에 대한 mean_squared_error")


def test_mean_squared_error_is_half_sum_of_squares(student, rng):
    """y = t이면 0, 모든 원소가 d만큼 다르면 0.5 * (원소 개수) * d²이다"""
    t = rng.normal(size=(3, 4))
    d = rng.uniform(0.5, 2.0)
    expect_array(student.mean_squared_error(t.copy(), t), 0.0, what="y = t일 때의 mean_squared_error")
    # identity: 0.5 * sum over 12 elements of d**2
    expect_array(student.mean_squared_error(t + d, t), 0.5 * t.size * d ** 2,
                 what="모든 원소가 같은 값만큼 다른 (3, 4) 배열의 mean_squared_error")


def test_mean_squared_error_any_real_values_and_shape(student, reference, rng):
    """확률이 아닌 실수 값, 3차원 배열에도 같은 공식이 적용된다"""
    for shape in ((7,), (2, 3, 4)):
        y, t = rng.normal(scale=3, size=shape), rng.normal(scale=3, size=shape)
        expect_array(student.mean_squared_error(y, t), reference.mean_squared_error(y, t),
                     dtype="float", what=f"모양 {shape} 실수 배열의 mean_squared_error")


def test_mean_squared_error_leaves_inputs_unchanged(student, reference, rng):
    """올바른 값을 돌려주면서 입력 y, t는 바꾸지 않는다"""
    y, t = probabilities(rng, (3, 6)), one_hot(rng, (3, 6))
    y_handle, t_handle = student.put(y), student.put(t)
    expect_array(student.mean_squared_error(y_handle, t_handle), reference.mean_squared_error(y, t),
                 what="mean_squared_error의 값")
    expect_unchanged(student.get(y_handle), y, what="mean_squared_error의 입력 y")
    expect_unchanged(student.get(t_handle), t, what="mean_squared_error의 입력 t")


def contract_cases(rng):
    def pair(shape, scale=1.0):
        return rng.normal(scale=scale, size=shape), rng.normal(scale=scale, size=shape)

    labels = rng.integers(0, 4, size=5)
    return [
        Case("1차원 y, t", pair(6)), Case("2차원 배치 y, t", pair((3, 4))),
        Case("아주 큰 값(±1000)", pair((2, 3), scale=1000.0)),
        Case("아주 작은 값(1e-8)", pair((2, 3), scale=1e-8)),
        Case("정수 원-핫 t (int64)", (rng.uniform(size=(5, 4)), np.eye(4, dtype=np.int64)[labels])),
        Case("한 행짜리 배치 (1, k)", pair((1, 5))),
    ]


TestContract = battery(Function("mean_squared_error", [Param("y"), Param("t")], contract_cases, dtype="float",
                                reference_on_floats=True))
