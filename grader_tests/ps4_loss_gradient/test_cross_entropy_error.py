"""Hidden graders for cross_entropy_error (ps4_loss_gradient).

Clipping decision: the convention is log(y + 1e-7). Clipping y to [1e-7, 1] instead
differs from it by 1.7e-7 (y = 0.6) up to 1e-5 (y = 0.01) (EXERCISES.md tolerance
notes), i.e. by more than 6e-9 relative to any loss value, so the default tolerances
(TOL.close_rel = 1e-9, TOL.close_abs = 1e-12) reject clipping: it is a wrong answer,
and the notebook says so.
"""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery
from nnbasics.release_kit.selfcheck import expect_array, expect_true, expect_unchanged


def probabilities(rng, shape, scale=2.0):
    """Rows of a softmax of random scores: what a network's output looks like."""
    a = rng.normal(scale=scale, size=shape)
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def one_hot(labels, k):
    return np.eye(k)[labels]


@pytest.mark.weight(2)
def test_cross_entropy_error_one_sample_one_hot(student, reference, rng):
    """한 샘플 (1차원 y, 원-핫 t): -log(y[정답] + 1e-7), N = 1로 나눈다"""
    for k in (3, 10):
        y, t = probabilities(rng, k), one_hot(rng.integers(k), k)
        expect_array(student.cross_entropy_error(y, t), reference.cross_entropy_error(y, t),
                     dtype="float", what=f"길이 {k}의 y와 원-핫 t에 대한 cross_entropy_error")


@pytest.mark.weight(2)
def test_cross_entropy_error_batch_one_hot(student, reference, rng):
    """배치 (N, k)와 원-핫 t: 배치 크기 N으로 나눈 평균이다"""
    for n, k in ((1, 4), (3, 10), (8, 5)):
        y, t = probabilities(rng, (n, k)), one_hot(rng.integers(k, size=n), k)
        expect_array(student.cross_entropy_error(y, t), reference.cross_entropy_error(y, t),
                     dtype="float", what=f"모양 ({n}, {k}) 배치와 원-핫 t에 대한 cross_entropy_error")


@pytest.mark.weight(2)
def test_cross_entropy_error_batch_label_indices(student, reference, rng):
    """배치 (N, k)와 정답 레이블(label) t (N,)도 받는다"""
    for n, k in ((4, 10), (6, 3)):
        y, t = probabilities(rng, (n, k)), rng.integers(k, size=n)
        expect_array(student.cross_entropy_error(y, t), reference.cross_entropy_error(y, t),
                     dtype="float", what=f"모양 ({n}, {k}) 배치와 레이블 t ({n},)에 대한 cross_entropy_error")


def test_cross_entropy_error_one_sample_label_index(student, reference, rng):
    """한 샘플(1차원 y)과 정수 레이블 하나도 받는다"""
    k = 10
    y, t = probabilities(rng, k), np.int64(rng.integers(k))
    expect_array(student.cross_entropy_error(y, t), reference.cross_entropy_error(y, t),
                 dtype="float", what="길이 10의 y와 정수 레이블에 대한 cross_entropy_error")


def test_cross_entropy_error_is_the_mean_over_the_batch(student, rng):
    """배치의 값은 각 행을 한 샘플로 넣은 값들의 평균이다 (합이 아니라 N으로 나눈다)"""
    n, k = 5, 6
    y, t = probabilities(rng, (n, k)), one_hot(rng.integers(k, size=n), k)
    rows = []
    for i in range(n):
        value = student.cross_entropy_error(y[i], t[i])
        expect_true(np.ndim(value) == 0 and np.asarray(value).dtype.kind in "iuf",
                    "한 샘플에 대한 cross_entropy_error는 숫자 하나(scalar)여야 해요")
        rows.append(float(value))
    # identity: -sum_n log(...) / N is the mean of the per-row values -log(...) / 1
    expect_array(student.cross_entropy_error(y, t), np.mean(rows),
                 what=f"모양 ({n}, {k}) 배치의 cross_entropy_error (기대값은 행별 값의 평균)")


@pytest.mark.weight(2)
def test_cross_entropy_error_zero_probability_is_finite(student, reference, rng):
    """확률이 0인 원소가 있어도 (정답 자리라도) inf/NaN이 아니다: log 안에 1e-7을 더한다"""
    n, k = 4, 5
    labels = rng.integers(k, size=n)
    y = probabilities(rng, (n, k))
    y[0, labels[0]] = 0.0                     # the label itself has probability 0
    y[1, (labels[1] + 1) % k] = 0.0           # a non-label probability is 0
    y /= y.sum(axis=1, keepdims=True)
    t = one_hot(labels, k)
    expect_array(student.cross_entropy_error(y, t), reference.cross_entropy_error(y, t),
                 dtype="float", what="확률 0을 포함한 배치의 cross_entropy_error")
    expect_array(student.cross_entropy_error(y[0], t[0]), reference.cross_entropy_error(y[0], t[0]),
                 dtype="float", what="정답 확률이 0인 한 샘플의 cross_entropy_error")


def test_cross_entropy_error_adds_1e_7_rather_than_clipping(student, reference, rng):
    """작은 확률에서도 약속대로 log(y + 1e-7)이다 (np.clip으로 자르는 방식과 다르다)"""
    n, k = 6, 4
    labels = rng.integers(k, size=n)
    y = probabilities(rng, (n, k))
    y[np.arange(n), labels] = rng.uniform(1e-4, 1e-2, size=n)   # where clip and +1e-7 differ most
    t = one_hot(labels, k)
    expect_array(student.cross_entropy_error(y, t), reference.cross_entropy_error(y, t),
                 dtype="float", what="정답 확률이 작은 배치의 cross_entropy_error")


def test_cross_entropy_error_leaves_inputs_unchanged(student, reference, rng):
    """올바른 값을 돌려주면서 입력 y, t는 바꾸지 않는다"""
    for shape in ((7,), (3, 7)):
        y = probabilities(rng, shape)
        t = one_hot(rng.integers(7, size=shape[:-1]), 7)
        y_handle, t_handle = student.put(y), student.put(t)
        expect_array(student.cross_entropy_error(y_handle, t_handle), reference.cross_entropy_error(y, t),
                     what="cross_entropy_error의 값")
        expect_unchanged(student.get(y_handle), y, what="cross_entropy_error의 입력 y")
        expect_unchanged(student.get(t_handle), t, what="cross_entropy_error의 입력 t")


def contract_cases(rng):
    k = 5
    batch = probabilities(rng, (4, k))
    labels = rng.integers(k, size=4)
    zero_at_label = probabilities(rng, (3, k))
    zero_labels = rng.integers(k, size=3)
    zero_at_label[np.arange(3), zero_labels] = 0.0
    zero_at_label /= zero_at_label.sum(axis=1, keepdims=True)
    long_batch = probabilities(rng, (3000, k), scale=3.0)
    long_labels = rng.integers(k, size=3000)
    sample = probabilities(rng, k)
    label = int(rng.integers(k))
    return [
        Case("배치 y와 원-핫 t", (batch, one_hot(labels, k))),
        Case("다른 배치 y와 원-핫 t", (probabilities(rng, (4, k)), one_hot(rng.integers(k, size=4), k))),
        Case("배치 y와 정답 레이블 t (int64)", (batch, labels.astype(np.int64))),
        Case("배치 y와 정답 레이블 t (uint8)", (batch, labels.astype(np.uint8))),
        Case("배치 y와 정수 원-핫 t (int64)", (batch, one_hot(labels, k).astype(np.int64))),
        Case("한 샘플 y와 원-핫 t", (sample, one_hot(label, k))),
        Case("한 샘플 y와 정답 레이블 (np.int64)", (sample, np.int64(label))),
        Case("정답 확률이 0인 배치", (zero_at_label, one_hot(zero_labels, k))),
        Case("아주 긴 배치 (N = 3000)", (long_batch, long_labels)),
        Case("한 행짜리 배치 (1, k)", (batch[:1], labels[:1])),
    ]


TestContract = battery(Function("cross_entropy_error", [Param("y"), Param("t")], contract_cases, dtype="float"))
