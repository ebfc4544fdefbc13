"""Hidden graders for AND (ps1_gates); the checks are in conftest.py."""
import pytest


@pytest.mark.weight(2)
def test_AND_truth_table(gate):
    """파이썬 정수 입력에 대해 진리표(truth table)대로 출력한다 (두 입력이 모두 1일 때만 1)"""
    gate.truth_table("AND")


def test_AND_numpy_integer_inputs(gate):
    """numpy 정수(np.int64 등) 입력에 대해서도 진리표대로 출력한다"""
    gate.numpy_integer_inputs("AND")


def test_AND_returns_int(gate):
    """출력이 정수(int) 0 또는 1이다 (bool이나 float가 아니다)"""
    gate.returns_int("AND")
