"""Input domains for the equivalence check of names whose graders have no battery contract yet.

Only where a grader contract is missing and mutants survived that may change nothing (the
gates' weights are not unique; accuracy's result does not depend on ``batch_size``): a
grader module's own ``TestContract.contract`` always wins. Used for nothing but deciding
which mutants are equivalent.
"""

from __future__ import annotations

import itertools

import numpy as np

from nnbasics.grading.battery import Case, Function, Param


def _gate_inputs(rng) -> list[Case]:
    """EXERCISES.md ps1: inputs are 0/1, Python or NumPy integers; the whole truth table, in each type."""
    return [Case(f"{kind.__name__} ({x1}, {x2})", (kind(x1), kind(x2)))
            for kind in (int, np.int64, np.int8, np.uint8) for x1, x2 in itertools.product((0, 1), repeat=2)]


def _accuracy_inputs(rng) -> list[Case]:
    """EXERCISES.md ps7: a network of any consistent sizes, N samples, integer labels, any batch size."""
    cases = []
    for n, batch_size in ((250, 100), (7, 3), (100, 100), (1, 100), (37, 1), (60, 1000)):
        sizes = (8, 6, 5, 4)
        network = {}
        for i in (1, 2, 3):
            network[f"W{i}"] = rng.normal(scale=2.0, size=sizes[i - 1:i + 1])
            network[f"b{i}"] = rng.normal(size=sizes[i])
        x = rng.uniform(size=(n, 8))
        a = x
        for i in (1, 2):
            a = 1 / (1 + np.exp(-(a @ network[f"W{i}"] + network[f"b{i}"])))
        t = np.argmax(a @ network["W3"] + network["b3"], axis=1)  # the network's own answers,
        wrong = rng.random(n) < 0.3                                 # a third of them changed
        t[wrong] = (t[wrong] + 1) % 4
        cases.append(Case(f"N = {n}, batch_size = {batch_size}", (network, x, t, batch_size)))
    return cases


DOMAINS: dict[tuple[str, str], Function] = {
    ("ps1_gates", gate): Function(gate, [Param("x1"), Param("x2")], _gate_inputs, dtype="int")
    for gate in ("AND", "NAND", "OR", "XOR")
}
DOMAINS["ps7_digits_inference", "accuracy"] = Function(
    "accuracy", [Param("network"), Param("x"), Param("t"), Param("batch_size", 100)], _accuracy_inputs)
