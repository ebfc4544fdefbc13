"""Where to draw the line in `nnbasics similarity`: independent correct answers against copies.

Run by hand: `.venv/bin/python benchmarks/similarity_threshold.py`.

Per exercise of every assignment, from the committed course (no grading needed):

- size: the reference solution's normalised characters beyond the released stub;
- independent: the highest similarity between two independently written correct answers
  (the reference solution and the catalogue's tests/answers/<a>/<name>/right_*.py);
- copies: the lowest similarity between one of those answers and a disguised copy of it
  (every local name and parameter renamed, comments removed, spacing changed).
"""

import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnbasics.course import answer_files, assignments, grade_id, read_notebook, solution_names  # noqa: E402
from nnbasics.similarity.scoring import fingerprint, kgram_hashes, pair_similarity  # noqa: E402
from nnbasics.similarity.submissions import cell_source  # noqa: E402
from tests.similarity_disguise import disguise  # noqa: E402


def similarity(a: str, b: str, stub: np.ndarray) -> float:
    from nnbasics.similarity.scoring import shared_characters

    prints = [fingerprint(a, stub), fingerprint(b, stub)]
    coverage = np.array([p.token_coverage for p in prints])
    return float(pair_similarity(shared_characters(prints), coverage)[0, 1])


def main() -> None:
    print(f"{'exercise':<28} {'size':>5} {'independent (max)':>18} {'copies (min)':>13}")
    worst_independent, worst_copy = (0.0, ""), (1.0, "")
    for a in assignments(ROOT):
        if not (ROOT / "solutions" / a / f"{a}.ipynb").exists():
            continue  # an assignment being written, not released yet
        release = read_notebook(ROOT / "release" / a / f"{a}.ipynb")
        solved = read_notebook(ROOT / "solutions" / a / f"{a}.ipynb")
        names = solution_names(release)
        stubs = {grade_id(c): cell_source(c) for c in release["cells"] if grade_id(c) in names}
        references = {grade_id(c): cell_source(c) for c in solved["cells"] if grade_id(c) in names}
        for name in names:
            stub = kgram_hashes(stubs[name])
            answers = [references[name]] + [p.read_text() for p in answer_files(ROOT, a, name, "right")]
            size = fingerprint(references[name], stub).token_coverage
            independent = max((similarity(x, y, stub) for x, y in itertools.combinations(answers, 2)), default=0)
            copies = min(similarity(x, disguise(x), stub) for x in answers)
            label = f"{a}/{name}"
            print(f"{label:<28} {size:>5.0f} {independent:>18.2f} {copies:>13.2f}")
            if size >= 100:
                worst_independent = max(worst_independent, (independent, label))
                worst_copy = min(worst_copy, (copies, label))
    print(f"exercises of size >= 100: independent at most {worst_independent}, copies at least {worst_copy}")


if __name__ == "__main__":
    main()
