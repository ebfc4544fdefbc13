"""Public checks for ps1_gates (공개 검사)."""
import numpy as np
from selfcheck import expect_array, expect_int

# The truth tables of the gates, as given in the notebook: (x1, x2) -> y.
TRUTH_TABLES = {
    "AND": {(0, 0): 0, (1, 0): 0, (0, 1): 0, (1, 1): 1},
    "NAND": {(0, 0): 1, (1, 0): 1, (0, 1): 1, (1, 1): 0},
    "OR": {(0, 0): 0, (1, 0): 1, (0, 1): 1, (1, 1): 1},
    "XOR": {(0, 0): 0, (1, 0): 1, (0, 1): 1, (1, 1): 0},
}


def _truth_table(student, name):
    gate = getattr(student, name)
    for (x1, x2), y in TRUTH_TABLES[name].items():
        expect_array(gate(x1, x2), y, what=f"{name}({x1}, {x2})")


def _returns_int(student, name):
    gate = getattr(student, name)
    for (x1, x2), y in TRUTH_TABLES[name].items():
        expect_int(gate(x1, x2), y, what=f"{name}({x1}, {x2})")
        expect_int(gate(np.int64(x1), np.int64(x2)), y, what=f"{name}(np.int64({x1}), np.int64({x2}))")


def test_AND_truth_table(student):
    """AND가 진리표대로 출력한다"""
    _truth_table(student, "AND")


def test_AND_returns_int(student):
    """AND의 출력이 정수(int) 0 또는 1이다 (bool, float가 아니다)"""
    _returns_int(student, "AND")


def test_NAND_truth_table(student):
    """NAND가 진리표대로 출력한다"""
    _truth_table(student, "NAND")


def test_NAND_returns_int(student):
    """NAND의 출력이 정수(int) 0 또는 1이다 (bool, float가 아니다)"""
    _returns_int(student, "NAND")


def test_OR_truth_table(student):
    """OR가 진리표대로 출력한다"""
    _truth_table(student, "OR")


def test_OR_returns_int(student):
    """OR의 출력이 정수(int) 0 또는 1이다 (bool, float가 아니다)"""
    _returns_int(student, "OR")


def test_XOR_truth_table(student):
    """XOR가 진리표대로 출력한다"""
    _truth_table(student, "XOR")


def test_XOR_returns_int(student):
    """XOR의 출력이 정수(int) 0 또는 1이다 (bool, float가 아니다)"""
    _returns_int(student, "XOR")
