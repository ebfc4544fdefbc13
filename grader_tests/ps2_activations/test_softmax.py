"""Hidden graders for softmax (ps2_activations)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Function, Param, battery, float_arrays, integer_arrays, one_array_cases
from nnbasics.release_kit.selfcheck import TOL, expect_array, expect_unchanged


@pytest.mark.weight(2)
def test_softmax_matches_reference_on_vectors(student, reference, rng):
    """1차원 벡터를 확률로 바꾼다 (합이 1, exp(a_k)에 비례)"""
    for k in (2, 5, 10):
        a = rng.normal(scale=3, size=k)
        expect_array(student.softmax(a), reference.softmax(a), what=f"길이 {k} 벡터에 대한 softmax 출력")


@pytest.mark.weight(2)
def test_softmax_normalises_each_row(student, reference, rng):
    """2차원 입력 (N, K)의 각 행(row)을 따로 정규화한다 (행마다 합이 1)"""
    for n, k in ((4, 6), (3, 3), (5, 2)):
        a = rng.normal(scale=3, size=(n, k))
        got = student.softmax(a)
        expect_array(got, reference.softmax(a), what=f"모양 ({n}, {k}) 배치에 대한 softmax 출력")
        expect_array(got.sum(axis=-1), np.ones(n), what="softmax 출력의 행 합")


@pytest.mark.weight(3)
def test_softmax_large_inputs(student, reference, rng):
    """큰 입력(예: [1010, 1000, 990])에서도 넘치지(overflow) 않는다: 행마다 최댓값을 뺀다"""
    a = rng.normal(scale=10, size=5) + rng.uniform(800, 1200)
    expect_array(student.softmax(a), reference.softmax(a), what="큰 값의 벡터에 대한 softmax 출력")
    # rows far apart from each other: a max taken over the whole batch underflows some rows
    b = rng.normal(scale=10, size=(3, 4)) + np.array([[1000.0], [0.0], [-1000.0]])
    expect_array(student.softmax(b), reference.softmax(b),
                 what="크기가 아주 다른 행들의 배치에 대한 softmax 출력")


def test_softmax_shift_invariance(student, reference, rng):
    """각 행에 같은 상수를 더해도 결과가 같다: softmax(a + c) = softmax(a)"""
    a = rng.normal(scale=2, size=(3, 5))
    c = rng.uniform(-20, 20, size=(3, 1))
    # identity: exp(a_k + c) / sum_i exp(a_i + c) = exp(a_k) / sum_i exp(a_i); compared with the
    # reference's softmax(a), so a constant answer cannot pass by agreeing with itself
    expect_array(student.softmax(a + c), reference.softmax(a), atol=TOL.close_abs,
                 what="상수를 더한 배치에 대한 softmax 출력")


def test_softmax_leaves_input_unchanged(student, reference, rng):
    """올바른 값을 돌려주면서 입력 배열은 바꾸지 않는다"""
    for shape in ((6,), (3, 5)):
        a = rng.normal(scale=3, size=shape)
        handle = student.put(a)
        expect_array(student.softmax(handle), reference.softmax(a), what="softmax 출력")
        expect_unchanged(student.get(handle), a, what="softmax의 입력 배열")


def contract_cases(rng):
    spans = rng.normal(size=(3, 6)) + np.array([[3000.0], [0.0], [-3000.0]])
    spans[:, 0] += rng.uniform(2000, 4000, size=3)  # one row spans thousands
    return one_array_cases(float_arrays(rng) + integer_arrays(rng, small_types=False) + [
        ("행 안의 값 차이가 수천인 배치", spans), ("열이 하나인 배치 (n, 1)", rng.normal(size=(5, 1)) * 100),
        ("아주 작은 확률이 나오는 배치 (차이가 수십)", rng.normal(scale=15, size=(3, 5)))])


TestContract = battery(Function("softmax", [Param("a")], contract_cases, reference_on_floats=True,
                                atol=TOL.tails_abs))
