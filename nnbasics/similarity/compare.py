"""The class compared: every student's solution cells fingerprinted, every pair scored per exercise."""

from __future__ import annotations

import dataclasses
import json
import statistics
from pathlib import Path

import numpy as np

from nnbasics.similarity import ALL, MIN_SIZE, THRESHOLD
from nnbasics.similarity.scoring import Fingerprint, fingerprint, kgram_hashes, pair_similarity, shared_characters
from nnbasics.similarity.submissions import Unreadable, read_bounded, read_class, solution_cells


@dataclasses.dataclass
class Exercise:
    name: str
    size: float  # the reference solution's normalised characters beyond the stub
    judged: bool  # large enough to tell copying from convergence
    prints: list[Fingerprint]  # one per compared student
    shared: np.ndarray  # shared[i, j]: characters of i's code also in j's
    similarity: np.ndarray  # (n, n), symmetric, 0 to 1


@dataclasses.dataclass
class ClassSimilarity:
    assignment: str
    students: list[str]  # the compared students, in the order of the matrices' rows
    exercises: list[Exercise]
    overall: np.ndarray  # (n, n): the judged exercises together (all exercises if none is judged)
    not_compared: dict[str, str]  # student → why

    def judged_scores(self, i: int, j: int) -> dict[str, float]:
        """The pair's similarity per judged exercise and ``all``."""
        scores = {e.name: float(e.similarity[i, j]) for e in self.exercises if e.judged}
        return scores | {ALL: float(self.overall[i, j])}

    def flagged(self, threshold: float = THRESHOLD) -> list[tuple[float, int, int]]:
        """(score, i, j) of the pairs whose highest judged similarity reaches the threshold, highest first."""
        judged = [e.similarity for e in self.exercises if e.judged] + [self.overall]
        top = np.triu(np.maximum.reduce(judged), k=1)
        rows, columns = np.nonzero(top >= threshold)
        pairs = [(float(top[i, j]), int(i), int(j)) for i, j in zip(rows, columns)]
        return sorted(pairs, key=lambda p: (-p[0], self.students[p[1]], self.students[p[2]]))


def notebook_cells(path: Path) -> dict[str, str]:
    """The solution cells of an instructor's notebook (release or solutions), {} if there is none."""
    try:
        return solution_cells(json.loads(read_bounded(path)))
    except (Unreadable, ValueError):
        return {}


def compare_class(root: Path, assignment: str) -> ClassSimilarity:
    stubs = notebook_cells(root / "release" / assignment / f"{assignment}.ipynb")
    if not stubs:
        raise Unreadable(f"no release/{assignment}/{assignment}.ipynb with solution cells: "
                         f"nbgrader generate_assignment {assignment} first")
    references = notebook_cells(root / "solutions" / assignment / f"{assignment}.ipynb")
    submissions, not_compared = read_class(root, assignment, list(stubs))
    exercises = []
    for name, stub in stubs.items():
        boilerplate = kgram_hashes(stub)
        prints = [fingerprint(s.code.get(name, ""), boilerplate) for s in submissions]
        coverage = np.array([p.token_coverage for p in prints])
        if name in references:
            size = fingerprint(references[name], boilerplate).token_coverage
        else:  # no solutions/: how much the class wrote
            size = statistics.median([c for c in coverage if c] or [0])
        shared = shared_characters(prints)
        exercises.append(Exercise(name, size, size >= MIN_SIZE, prints, shared, pair_similarity(shared, coverage)))
    counted = [e for e in exercises if e.judged] or exercises
    overall = pair_similarity(sum(e.shared for e in counted),
                              sum(np.array([p.token_coverage for p in e.prints]) for e in counted))
    return ClassSimilarity(assignment, [s.student for s in submissions], exercises, overall, not_compared)
