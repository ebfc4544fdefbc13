"""Where to draw the line in `nnbasics similarity`: independent correct answers against copies.

Run by hand: `.venv/bin/python benchmarks/similarity_threshold.py`.

Per exercise of every assignment, from the committed course (no grading needed):

- size: the reference solution's normalised characters beyond the released stub;
- independent: the highest similarity between two independently written correct answers
  (the reference solution and the catalogue's tests/answers/<a>/<name>/right_*.py);
- copies: the lowest similarity between one of those answers and a disguised copy of it
  (every local name and parameter renamed, comments removed, spacing changed).

Then per assignment (`all`): the highest similarity between two students who each wrote every
exercise independently (student k takes the k-th independent answer of every exercise), over the
exercises judged (size >= MIN_SIZE; every exercise if none is).
"""

import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "tests" / "answers"  # the project's answer catalogue
sys.path.insert(0, str(ROOT))

from nnbasics.course import answer_files, assignments, grade_id, read_notebook, solution_names  # noqa: E402
from nnbasics.similarity import MIN_SIZE  # noqa: E402
from nnbasics.similarity.scoring import fingerprint, kgram_hashes, pair_similarity, shared_characters  # noqa: E402
from nnbasics.similarity.submissions import cell_source  # noqa: E402
from tests.similarity_disguise import disguise  # noqa: E402


def similarity(a: str, b: str, stub: np.ndarray) -> float:
    prints = [fingerprint(a, stub), fingerprint(b, stub)]
    coverage = np.array([p.token_coverage for p in prints])
    return float(pair_similarity(shared_characters(prints), coverage)[0, 1])


def main() -> None:
    print(f"{'exercise':<40} {'size':>5} {'independent (max)':>18} {'copies (min)':>13}")
    worst_independent, worst_copy = (0.0, ""), (2.0, "")
    overall = {}
    for a in assignments(ROOT):
        if not (ROOT / "solutions" / a / f"{a}.ipynb").exists():
            continue  # an assignment being written, not released yet
        release = read_notebook(ROOT / "release" / a / f"{a}.ipynb")
        solved = read_notebook(ROOT / "solutions" / a / f"{a}.ipynb")
        names = solution_names(release)
        stubs = {grade_id(c): cell_source(c) for c in release["cells"] if grade_id(c) in names}
        references = {grade_id(c): cell_source(c) for c in solved["cells"] if grade_id(c) in names}
        independent_students: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for name in names:
            stub = kgram_hashes(stubs[name])
            answers = [references[name]] + [p.read_text() for p in answer_files(CATALOGUE, a, name, "right")]
            size = fingerprint(references[name], stub).token_coverage
            independent = max((similarity(x, y, stub) for x, y in itertools.combinations(answers, 2)), default=0)
            copies = min(similarity(x, disguise(x), stub) for x in answers)
            label = f"{a}/{name}"
            print(f"{label:<40} {size:>5.0f} {independent:>18.2f} {copies:>13.2f}")
            worst_independent = max(worst_independent, (independent, label))
            worst_copy = min(worst_copy, (copies, label)) if size >= MIN_SIZE else worst_copy
            prints = [fingerprint(x, stub) for x in answers]
            independent_students[name] = (shared_characters(prints), np.array([p.token_coverage for p in prints]),
                                          size >= MIN_SIZE)
        counted = [v for v in independent_students.values() if v[2]] or list(independent_students.values())
        m = min(len(c) for _, c, _ in counted)
        shared = sum(s[:m, :m] for s, _, _ in counted)
        coverage = sum(c[:m] for _, c, _ in counted)
        overall[a] = float(np.triu(pair_similarity(shared, coverage), k=1).max())
    print(f"independent answers, every exercise: at most {worst_independent[0]:.2f} ({worst_independent[1]})")
    print(f"copies, exercises of size >= {MIN_SIZE}: at least {worst_copy[0]:.2f} ({worst_copy[1]})")
    print("independent students, whole assignment (all):",
          ", ".join(f"{a} {value:.2f}" for a, value in overall.items()))


if __name__ == "__main__":
    main()
