"""What does autograding one ps2_activations submission cost, ours vs stock nbgrader? (target: <= 2x)

Run by hand: `make bench` or `.venv/bin/python benchmarks/autograde_cost.py [N]`.

Two scratch courses get the same N complete submissions of ps2_activations:
- stock: nbgrader's default autograde (a Jupyter kernel, test cells run in it) on the
  notebook with plain-assert test cells (each test cell runs that exercise's public
  checks in the kernel with `check(...)`, a few asserts each);
- ours: this course's configuration (sandboxed student process + hidden pytest graders).
Each is graded by one `nbgrader autograde` call; the figure is wall time / N, after one
warm-up run of each.
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

from nnbasics.course import read_notebook, write_notebook
from nnbasics.nbgrader_run import nbgrader
from nnbasics.release import copy_course, generate

ROOT = Path(__file__).resolve().parents[1]
A = "ps2_activations"


def stock_course(course: Path) -> None:
    """Stock nbgrader: default preprocessors (Execute in a kernel), test cells as plain asserts."""
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.root = '.'\nc.CourseDirectory.solution_directory = 'solutions'\n")


def submit(course: Path, n: int) -> None:
    solved = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    for i in range(n):
        write_notebook(solved, course / "submitted" / f"s{i:03d}" / A / f"{A}.ipynb")


def per_submission(course: Path, n: int) -> float:
    nbgrader(course, "autograde", A, "--force", log=course / "warmup.log")
    started = time.perf_counter()
    nbgrader(course, "autograde", A, "--force", log=course / "bench.log")
    return (time.perf_counter() - started) / n


def main(n: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        figures = {}
        for kind in ("stock", "ours"):
            course = Path(tmp) / kind
            copy_course(ROOT, course)
            shutil.rmtree(course / "grader_tests") if kind == "stock" else None
            if kind == "stock":
                stock_course(course)
            generate(course, course / "generate.log", [A])
            submit(course, n)
            figures[kind] = per_submission(course, n)
            print(f"{kind:>5}: {figures[kind]:.2f} s per submission ({n} submissions, one autograde call)")
        print(f"ratio ours/stock: {figures['ours'] / figures['stock']:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
