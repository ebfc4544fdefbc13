"""Truth-table checks shared by the four gates' graders: every gate is graded the same way.

The input domain is the four rows of the truth table, so every check walks all of them
(in a random order, with randomly chosen numpy integer types); expected outputs come from
the reference gate. Weights are not unique, so only outputs are graded.
"""
import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import expect_array, expect_int

ROWS = [(0, 0), (1, 0), (0, 1), (1, 1)]
NUMPY_INTS = [np.int8, np.int16, np.int32, np.int64]


class GateChecks:
    def __init__(self, student, reference, rng):
        self.student, self.reference, self.rng = student, reference, rng

    def _rows(self):
        return [ROWS[i] for i in self.rng.permutation(len(ROWS))]

    def _numpy_int(self):
        return NUMPY_INTS[self.rng.integers(len(NUMPY_INTS))]

    def truth_table(self, name: str) -> None:
        gate, expected = getattr(self.student, name), getattr(self.reference, name)
        for x1, x2 in self._rows():
            expect_array(gate(x1, x2), expected(x1, x2), what=f"{name}({x1}, {x2})의 출력")

    def numpy_integer_inputs(self, name: str) -> None:
        gate, expected = getattr(self.student, name), getattr(self.reference, name)
        for x1, x2 in self._rows():
            t1, t2 = self._numpy_int(), self._numpy_int()
            expect_array(gate(t1(x1), t2(x2)), expected(x1, x2),
                         what=f"{name}(np.{t1.__name__}({x1}), np.{t2.__name__}({x2}))의 출력")

    def returns_int(self, name: str) -> None:
        gate, expected = getattr(self.student, name), getattr(self.reference, name)
        for x1, x2 in self._rows():
            expect_int(gate(x1, x2), expected(x1, x2), what=f"{name}({x1}, {x2})의 출력")
            t = self._numpy_int()
            expect_int(gate(t(x1), t(x2)), expected(x1, x2),
                       what=f"{name}(np.{t.__name__}({x1}), np.{t.__name__}({x2}))의 출력")


@pytest.fixture
def gate(student, reference, rng):
    return GateChecks(student, reference, rng)
