"""`nnbasics similarity <assignment>`: which pairs of students share solution code beyond the stub.

Reads ``submitted/<student>/<assignment>/<assignment>.ipynb`` as data (never runs it), compares
only the solution cells (nbgrader's ``solution`` metadata, keyed by ``grade_id``) with the released
stub's code removed, per exercise and for the whole assignment, and writes

- ``reports/<assignment>-similarity.csv``: every compared pair, per exercise and ``all``;
- ``reports/<assignment>-similarity.html``: the pairs above the threshold, code side by side.

The class report links the page with :func:`similarity_page`.
"""

from __future__ import annotations

import csv
import dataclasses
import statistics
from pathlib import Path

import numpy as np

from nnbasics.similarity.scoring import Fingerprint, fingerprint, kgram_hashes, pair_similarity, shared_characters
from nnbasics.similarity.submissions import Unreadable, read_bounded, read_class, solution_cells

# Measured by benchmarks/similarity_threshold.py (README, "Similarity"): independently written
# correct answers reach 0.52, renamed and re-commented copies score 1.00.
THRESHOLD = 0.75
# Exercises whose reference solution has fewer normalised characters beyond the stub than this
# are too small to tell copying from convergence (relu: 0, the gates: ~71, softmax: 62).
MIN_SIZE = 80
ALL = "all"


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
    import json

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


def spreadsheet_safe(text: str) -> str:
    """A student id a spreadsheet will not run as a formula (ids are folder names students may pick)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(result: ClassSimilarity, path: Path) -> None:
    """Every compared pair per exercise and ``all``, highest similarity first (zeros included)."""
    n = len(result.students)
    rows, columns = np.triu_indices(n, k=1)
    tables = [(e.name, e.judged, e.similarity) for e in result.exercises]
    tables.append((ALL, True, result.overall))  # the judged exercises together, or all of them if none is
    values = np.concatenate([m[rows, columns] for _, _, m in tables])
    order = np.argsort(-np.round(values, 3), kind="stable")
    ids = [spreadsheet_safe(s) for s in result.students]
    labels = [(name, "yes" if judged else "no") for name, judged, _ in tables]
    pairs = len(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["student_a", "student_b", "exercise", "similarity", "judged"])
        for k in order.tolist():
            table, pair = divmod(k, pairs)
            name, judged = labels[table]
            writer.writerow([ids[rows[pair]], ids[columns[pair]], name, f"{values[k]:.3f}", judged])


def page_path(root: Path, assignment: str) -> Path:
    return root / "reports" / f"{assignment}-similarity.html"


def similarity_page(root: Path, assignment: str) -> Path | None:
    """The similarity page of ``assignment`` if ``nnbasics similarity`` wrote one (for the class report)."""
    path = page_path(Path(root), assignment)
    return path if path.is_file() else None


def write_reports(root: Path, assignment: str) -> tuple[Path, Path, ClassSimilarity]:
    from nnbasics.similarity.page import render

    result = compare_class(root, assignment)
    csv_path = root / "reports" / f"{assignment}-similarity.csv"
    write_csv(result, csv_path)
    html_path = page_path(root, assignment)
    html_path.write_text(render(result), encoding="utf-8")
    return csv_path, html_path, result


def main(root: Path, assignment: str) -> int:
    try:
        csv_path, html_path, result = write_reports(root, assignment)
    except Unreadable as error:
        print(error)
        return 1
    print(f"compared {len(result.students)} submissions ({len(result.not_compared)} not compared), "
          f"{len(result.flagged())} pairs at or above {THRESHOLD}")
    print(csv_path)
    print(html_path)
    return 0
