"""Hidden graders for AND (ps1_gates).

The input domain is the four rows of the truth table, so every test walks all of them
(in a random order, with randomly chosen numpy integer types); expected outputs come from
the reference gate. Weights are not unique, so only outputs are graded.
"""
import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import expect_array, expect_int

ROWS = [(0, 0), (1, 0), (0, 1), (1, 1)]
NUMPY_INTS = [np.int8, np.int16, np.int32, np.int64]


def _rows(rng):
    return [ROWS[i] for i in rng.permutation(len(ROWS))]


def _numpy_int(rng):
    return NUMPY_INTS[rng.integers(len(NUMPY_INTS))]


@pytest.mark.weight(2)
def test_AND_truth_table(student, reference, rng):
    """파이썬 정수 입력에 대해 진리표(truth table)대로 출력한다 (두 입력이 모두 1일 때만 1)"""
    for x1, x2 in _rows(rng):
        expect_array(student.AND(x1, x2), reference.AND(x1, x2), what=f"AND({x1}, {x2}) 의 출력")


def test_AND_numpy_integer_inputs(student, reference, rng):
    """numpy 정수(np.int64 등) 입력에 대해서도 진리표대로 출력한다"""
    for x1, x2 in _rows(rng):
        t1, t2 = _numpy_int(rng), _numpy_int(rng)
        expect_array(student.AND(t1(x1), t2(x2)), reference.AND(x1, x2),
                     what=f"AND(np.{t1.__name__}({x1}), np.{t2.__name__}({x2})) 의 출력")


def test_AND_returns_int(student, reference, rng):
    """출력이 정수(int) 0 또는 1 이다 (bool 이나 float 가 아니다)"""
    for x1, x2 in _rows(rng):
        expect_int(student.AND(x1, x2), reference.AND(x1, x2), what=f"AND({x1}, {x2}) 의 출력")
        t = _numpy_int(rng)
        expect_int(student.AND(t(x1), t(x2)), reference.AND(x1, x2),
                   what=f"AND(np.{t.__name__}({x1}), np.{t.__name__}({x2})) 의 출력")
