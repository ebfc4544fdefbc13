"""Input domains for the equivalence check of names whose graders have no battery contract yet.

Only where the spec's whole domain is small and plain enough to write down, and a grader
contract is missing: a grader module's own ``TestContract.contract`` always wins. Used
for nothing but deciding which mutants are equivalent.
"""

from __future__ import annotations

import itertools

import numpy as np

from nnbasics.grading.battery import Case, Function, Param


def _gate_inputs(rng) -> list[Case]:
    """EXERCISES.md ps1: inputs are 0/1, Python or NumPy integers; the whole truth table, in each type."""
    return [Case(f"{kind.__name__} ({x1}, {x2})", (kind(x1), kind(x2)))
            for kind in (int, np.int64, np.int8, np.uint8) for x1, x2 in itertools.product((0, 1), repeat=2)]


DOMAINS: dict[tuple[str, str], Function] = {
    ("ps1_gates", gate): Function(gate, [Param("x1"), Param("x2")], _gate_inputs, dtype="int")
    for gate in ("AND", "NAND", "OR", "XOR")
}
