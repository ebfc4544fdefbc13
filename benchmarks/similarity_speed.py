"""`nnbasics similarity` on a synthetic class (default: 500 students of ps6_backprop).

Run by hand: `.venv/bin/python benchmarks/similarity_speed.py [N] [--assignment A]`.

Each student answers every exercise with the reference solution or a catalogue answer (right or
wrong), chosen at random (seeded), disguised with names of their own and no comments: after
normalisation most pairs share code in most exercises, the worst case for the pair count. Prints
the wall time of reading, fingerprinting and comparing, and of writing the CSV and the page (in
this process), then the wall time and peak resident memory of the whole command,
`nnbasics similarity`, run on the same class.
"""

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "tests" / "answers"  # the project's answer catalogue
sys.path.insert(0, str(ROOT))

from nnbasics.course import answer_files, grade_id, read_notebook, solution_names, with_answers, write_notebook  # noqa: E402
from nnbasics.similarity.compare import compare_class  # noqa: E402
from nnbasics.similarity.page import render  # noqa: E402
from nnbasics.similarity.submissions import cell_source  # noqa: E402
from nnbasics.similarity.table import write_csv  # noqa: E402
from tests.similarity_disguise import disguise  # noqa: E402


def make_class(course: Path, assignment: str, size: int) -> None:
    for folder in ("release", "solutions"):
        shutil.copytree(ROOT / folder / assignment, course / folder / assignment)
    (course / "nbgrader_config.py").write_text("")
    blank = read_notebook(course / "release" / assignment / f"{assignment}.ipynb")
    solved = read_notebook(course / "solutions" / assignment / f"{assignment}.ipynb")
    names = solution_names(blank)
    reference = {grade_id(c): cell_source(c) for c in solved["cells"] if grade_id(c) in names}
    choices = {name: [reference[name]] + [p.read_text() for kind in ("right", "wrong")
                                          for p in answer_files(CATALOGUE, assignment, name, kind)] for name in names}
    rng = random.Random(16)
    for i in range(size):
        answers = {name: disguise(rng.choice(options), salt=f"s{i}_") for name, options in choices.items()}
        folder = course / "submitted" / f"s{i:03d}" / assignment
        write_notebook(with_answers(blank, answers), folder / f"{assignment}.ipynb")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", nargs="?", type=int, default=500)
    parser.add_argument("--assignment", default="ps6_backprop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp)
        make_class(course, args.assignment, args.size)
        started = time.perf_counter()
        result = compare_class(course, args.assignment)
        compared = time.perf_counter()
        write_csv(result, course / "reports" / f"{args.assignment}-similarity.csv")
        written = time.perf_counter()
        page = render(result)
        rendered = time.perf_counter()
        rows = sum(1 for _ in (course / "reports" / f"{args.assignment}-similarity.csv").open()) - 1
        command = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "nnbasics"), "similarity", args.assignment], cwd=course,
                       check=True, stdout=subprocess.DEVNULL)
        command = time.perf_counter() - command
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = len(result.students)
    print(f"{args.assignment}, {n} students, {n * (n - 1) // 2} pairs, {len(result.exercises)} exercises")
    print(f"read + fingerprint + compare: {compared - started:.1f} s")
    print(f"CSV ({rows} rows): {written - compared:.1f} s")
    print(f"page ({len(result.flagged())} flagged pairs, {len(page) / 2**20:.1f} MiB): {rendered - written:.1f} s")
    print(f"in this process: {rendered - started:.1f} s")
    print(f"`nnbasics similarity {args.assignment}`: {command:.1f} s, peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
