"""`nnbasics`: the course's command line (run in the course folder)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from nnbasics.nbgrader_run import nbgrader_env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nnbasics", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    grade = commands.add_parser("autograde", help="check and autograde every submission of an assignment")
    grade.add_argument("assignment")
    grade.add_argument("--jobs", type=int, default=None, help="worker processes (default: number of cores)")
    grade.add_argument("--scheduler", metavar="ADDRESS",
                       help="a Dask distributed scheduler (workers need the course folder at the same path)")
    commands.add_parser("demo", help="release the course and grade a sample class end to end (demo/)")
    releasing = commands.add_parser("release", help="regenerate release/ and solutions/ from source/ with "
                                    "nbgrader (after changing a notebook, checks, data or the student kit)")
    releasing.add_argument("assignment", nargs="*", help="only these (default: every assignment under source/)")
    reporting = commands.add_parser("report", help="an HTML page for the instructor: score histograms per "
                                    "exercise, the grader tests most often failed (reports/<assignment>.html)")
    reporting.add_argument("assignment")
    reporting.add_argument("--out", type=Path, help="where to write the page (default: reports/<assignment>.html)")
    similar = commands.add_parser("similarity", help="which pairs of students share solution code beyond the "
                                  "stub (reports/<assignment>-similarity.csv and .html)")
    similar.add_argument("assignment")
    args = parser.parse_args(argv)
    root = Path.cwd()
    os.environ["PATH"] = nbgrader_env()["PATH"]  # nbgrader's gradebook needs `alembic` on PATH
    if not (root / "nbgrader_config.py").exists():
        parser.error("run this in the course folder (where nbgrader_config.py is)")
    if args.command == "demo":
        from nnbasics import demo

        return demo.main(root)
    if args.command == "release":
        from nnbasics import release

        return release.main(root, args.assignment)
    if args.command == "report":
        from nnbasics import report

        return report.main(root, args.assignment, args.out)
    if args.command == "similarity":
        from nnbasics import similarity

        return similarity.main(root, args.assignment)
    from nnbasics import batch

    outcomes = batch.autograde(root, args.assignment, log=root / "autograde.log", jobs=args.jobs,
                               scheduler=args.scheduler)
    # A student's broken submission is graded (0 with a reason); only grading failures fail the run.
    return 1 if not outcomes or any(o.infrastructure for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
