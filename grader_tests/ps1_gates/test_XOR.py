"""Hidden graders for XOR (ps1_gates); the checks are in conftest.py."""
import pytest

from nnbasics.release_kit.selfcheck import expect_int


@pytest.mark.weight(2)
def test_XOR_truth_table(gate):
    """파이썬 정수 입력에 대해 진리표(truth table)대로 출력한다 (두 입력 중 한쪽만 1일 때 1)"""
    gate.truth_table("XOR")


def test_XOR_numpy_integer_inputs(gate):
    """numpy 정수(np.int64 등) 입력에 대해서도 진리표대로 출력한다"""
    gate.numpy_integer_inputs("XOR")


def test_XOR_returns_int(gate):
    """출력이 정수(int) 0 또는 1이다 (bool이나 float가 아니다)"""
    gate.returns_int("XOR")


def test_XOR_composes_the_gates(student, reference):
    """AND, NAND, OR 게이트를 불러서 계산한다 (^ 연산자나 진리표를 그대로 쓰지 않는다)"""
    gates = {name: getattr(student, name) for name in ("AND", "NAND", "OR")}
    try:
        for constant in (0, 1):
            # Gates that always answer `constant`: an XOR built from them can only answer it too.
            stand_in = student.function(f"lambda x1, x2: {constant}")
            for name in gates:
                student.replace(name, stand_in)
            for x1, x2 in ((0, 0), (1, 0), (0, 1), (1, 1)):
                expect_int(student.XOR(x1, x2), constant,
                           what=f"AND, NAND, OR가 모두 항상 {constant}을 돌려줄 때 XOR({x1}, {x2})")
    finally:
        for name, gate in gates.items():
            student.replace(name, gate)
