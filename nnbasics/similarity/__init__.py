"""`nnbasics similarity <assignment>`: which pairs of students share solution code beyond the stub.

Reads ``submitted/<student>/<assignment>/<assignment>.ipynb`` as data (never runs it), compares
only the solution cells (nbgrader's ``solution`` metadata, keyed by ``grade_id``) with the released
stub's code removed, per exercise and for the whole assignment, and writes

- ``reports/<assignment>-similarity.csv``: every compared pair, per exercise and ``all``;
- ``reports/<assignment>-similarity.html``: the pairs above the threshold, code side by side.

The class report links the page with :func:`similarity_page`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nnbasics.similarity.compare import ClassSimilarity

# Measured by benchmarks/similarity_threshold.py (README, "Similarity"): independently written
# correct answers reach 0.52, renamed and re-commented copies score 1.00.
THRESHOLD = 0.75
# Exercises whose reference solution has fewer normalised characters beyond the stub than this
# are too small to tell copying from convergence (relu: 0, the gates: ~71, softmax: 62).
MIN_SIZE = 80
ALL = "all"


def page_path(root: Path, assignment: str) -> Path:
    return root / "reports" / f"{assignment}-similarity.html"


def similarity_page(root: Path, assignment: str) -> Path | None:
    """The similarity page of ``assignment`` if ``nnbasics similarity`` wrote one (for the class report)."""
    path = page_path(Path(root), assignment)
    return path if path.is_file() else None


def write_reports(root: Path, assignment: str) -> tuple[Path, Path, ClassSimilarity]:
    """Compare the class; write the CSV and the page; return their paths and the comparison."""
    # Imported here: the class report imports this module for similarity_page only, and
    # copydetect brings matplotlib.pyplot along.
    from nnbasics.similarity.compare import compare_class
    from nnbasics.similarity.page import render
    from nnbasics.similarity.table import write_csv

    result = compare_class(root, assignment)
    csv_path = root / "reports" / f"{assignment}-similarity.csv"
    write_csv(result, csv_path)
    html_path = page_path(root, assignment)
    html_path.write_text(render(result), encoding="utf-8")
    return csv_path, html_path, result


def main(root: Path, assignment: str) -> int:
    from nnbasics.similarity.submissions import Unreadable

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
