"""A class of one assignment's submissions graded both ways in one run (targets: >= 2.5x, < 1.5 GiB).

Run by hand: `.venv/bin/python benchmarks/class_speed.py [N] [--memory M] [--assignment A]`
(default ps2_activations).

1. A scratch course gets N submissions (default 40): reference solutions, blank
   releases, and catalogue answers right and wrong, in turn.
2. `nbgrader autograde A` grades them (this course's configuration),
   then `nnbasics autograde A --jobs 2` grades them again; both wall times
   are printed and the two gradebooks are compared row by row.
3. With --memory M, a class of M is graded by `nnbasics autograde --jobs 2` while the
   resident memory of the grading command's own processes (the command and its worker
   processes, not the zygote and the student processes under it) is sampled.
"""

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

import psutil

from nnbasics.course import answer_files, read_notebook, solution_names, with_answers, write_notebook
from nnbasics.gradebook import scores
from nnbasics.nbgrader_run import BIN, nbgrader
from nnbasics.release import copy_course, generate

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "tests" / "answers"  # the project's answer catalogue
DEFAULT = "ps2_activations"


def submit(course: Path, size: int, A: str) -> None:
    blank = read_notebook(course / "release" / A / f"{A}.ipynb")
    solved = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    variants = [solved, blank]
    for name in solution_names(blank):
        for kind in ("wrong", "right"):
            variants += [with_answers(solved, {name: p.read_text()}) for p in answer_files(CATALOGUE, A, name, kind)]
    for i in range(size):
        write_notebook(variants[i % len(variants)], course / "submitted" / f"s{i:03d}" / A / f"{A}.ipynb")


def grading_rss(root_pid: int) -> int:
    """Resident bytes of the grading processes, leaving out the zygote and everything under it."""
    total, stack = 0, [psutil.Process(root_pid)]
    while stack:
        process = stack.pop()
        try:
            if "nnbasics.sandbox.zygote" in " ".join(process.cmdline()):
                continue
            total += process.memory_info().rss
            stack += process.children()
        except psutil.NoSuchProcess:
            continue
    return total


def nnbasics_autograde(course: Path, A: str, watch_memory: bool = False) -> tuple[float, int]:
    started = time.perf_counter()
    command = subprocess.Popen([str(BIN / "nnbasics"), "autograde", A, "--jobs", "2"], cwd=course,
                               stdout=subprocess.DEVNULL)
    peak = 0
    while command.poll() is None:
        if watch_memory:
            peak = max(peak, grading_rss(command.pid))
        time.sleep(0.2)
    return time.perf_counter() - started, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", nargs="?", type=int, default=40)
    parser.add_argument("--memory", type=int, default=0, help="class size for the memory measurement")
    parser.add_argument("--assignment", default=DEFAULT)
    args = parser.parse_args()
    A = args.assignment
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        copy_course(ROOT, course)
        generate(course, course / "generate.log", [A])
        submit(course, args.size, A)
        started = time.perf_counter()
        nbgrader(course, "autograde", A, "--force", log=course / "nbgrader.log")
        stock = time.perf_counter()
        stock_seconds = stock - started
        by_nbgrader = scores(course, A)
        subprocess.run(["rm", "-rf", str(course / "autograded")], check=True)
        ours_seconds, _ = nnbasics_autograde(course, A)
        by_nnbasics = scores(course, A)
        same = by_nbgrader == by_nnbasics and len(by_nbgrader) == args.size
        print(f"{args.size} submissions of {A}:")
        print(f"  nbgrader autograde            {stock_seconds:6.1f} s")
        print(f"  nnbasics autograde --jobs 2   {ours_seconds:6.1f} s   ({stock_seconds / ours_seconds:.2f}x faster)")
        print(f"  gradebooks identical row by row: {same}")
        if args.memory:
            for i in range(args.size):
                subprocess.run(["rm", "-rf", str(course / "submitted" / f"s{i:03d}")], check=True)
            submit(course, args.memory, A)
            seconds, peak = nnbasics_autograde(course, A, watch_memory=True)
            print(f"  class of {args.memory}: {seconds:.1f} s, peak memory of the grading command "
                  f"{peak / 2**20:.0f} MiB (student processes excluded)")


if __name__ == "__main__":
    main()
