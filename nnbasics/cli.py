"""`nnbasics`: the course's command line (run in the course folder)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from nnbasics.nbgrader_run import nbgrader_env

TERM_COMMANDS = ("feedback", "export", "extend", "roster")


def add_term_commands(commands) -> None:
    """The instructor's term past autograding (nnbasics/term/)."""
    feedback = commands.add_parser("feedback", help="one self-contained HTML feedback file per student who "
                                   "submitted, named by student id (reports/feedback/<assignment>/)")
    feedback.add_argument("assignment")
    feedback.add_argument("--out", type=Path, help="folder for the files")
    export = commands.add_parser("export", help="grades as a Canvas or Moodle import CSV, or one row per "
                                 "student and exercise (long)")
    export.add_argument("--format", choices=("canvas", "moodle", "long"), required=True)
    export.add_argument("--assignment", action="append", help="only this assignment (repeat for more)")
    export.add_argument("--per-exercise", action="store_true", help="a grade column per exercise")
    export.add_argument("--output", type=Path, help="default: reports/grades-<format>.csv")
    export.add_argument("--missing-as-zero", action="store_true",
                        help="0 for students without a submission (default: an empty grade)")
    export.add_argument("--no-feedback", action="store_true", help="moodle: no feedback text columns")
    extend = commands.add_parser("extend", help="a deadline extension for a student (or many: --csv FILE), "
                                 "recorded in nbgrader's gradebook")
    extend.add_argument("assignment", nargs="?")
    extend.add_argument("student", nargs="?")
    extend.add_argument("--days", type=float, default=0.0)
    extend.add_argument("--hours", type=float, default=0.0)
    extend.add_argument("--csv", type=Path, help="columns assignment, student_id, days and/or hours")
    extend.add_argument("--allow-past", action="store_true",
                        help="grant it even when the extended deadline is already past (forgiving late work)")
    roster = commands.add_parser("roster", help="students into the gradebook from a CSV (id, first_name, "
                                 "last_name, email, lms_user_id), every row checked first")
    roster.add_argument("file", type=Path)


def run_term_command(root: Path, args) -> int:
    if args.command == "feedback":
        from nnbasics.term import feedback_files

        return feedback_files.main(root, args.assignment, args.out)
    if args.command == "export":
        from nnbasics.term import export

        return export.main(root, args.format, args.output, args.assignment, args.per_exercise,
                           args.missing_as_zero, not args.no_feedback)
    if args.command == "extend":
        from nnbasics.term import extend

        if bool(args.csv) == bool(args.assignment and args.student):
            print("nnbasics extend: give ASSIGNMENT STUDENT, or --csv FILE")
            return 2
        return extend.main(root, args.assignment, args.student, args.days, args.hours, args.csv, args.allow_past)
    from nnbasics.term import roster

    return roster.main(root, args.file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nnbasics", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    grade = commands.add_parser("autograde", help="check and autograde every submission of an assignment")
    grade.add_argument("assignment")
    grade.add_argument("--jobs", type=int, default=None, help="worker processes (default: number of cores)")
    grade.add_argument("--scheduler", metavar="ADDRESS",
                       help="a Dask distributed scheduler (workers need the course folder at the same path)")
    demoing = commands.add_parser("demo", help="release the course and grade a sample class end to end (demo/)")
    demoing.add_argument("--answers", type=Path, help="an answer catalogue (<a>/<name>/right_*.py, wrong_*.py) "
                         "for students in another style and with typical mistakes (make demo: tests/answers)")
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
    add_term_commands(commands)
    mutating = commands.add_parser("mutants", help="would the graders notice? wrong answers made from each "
                                   "reference solution, graded; survivors listed (reports/<assignment>-mutants.txt)")
    mutating.add_argument("assignment")
    mutating.add_argument("--name", action="append", help="only this exercise (repeat for more)")
    mutating.add_argument("--limit", type=int, help="grade at most N non-equivalent mutants per exercise (a sample)")
    mutating.add_argument("--seed", type=int, default=0, help="which sample --limit takes (default 0)")
    mutating.add_argument("--jobs", type=int, default=2, help="grading worker processes (default 2)")
    args = parser.parse_args(argv)
    root = Path.cwd()
    os.environ["PATH"] = nbgrader_env()["PATH"]  # nbgrader's gradebook needs `alembic` on PATH
    if not (root / "nbgrader_config.py").exists():
        parser.error("run this in the course folder (where nbgrader_config.py is)")
    if args.command == "demo":
        from nnbasics import demo

        return demo.main(root, args.answers)
    if args.command == "release":
        from nnbasics import release

        return release.main(root, args.assignment)
    if args.command == "report":
        from nnbasics import report

        return report.main(root, args.assignment, args.out)
    if args.command in TERM_COMMANDS:
        return run_term_command(root, args)
    if args.command == "mutants":
        from nnbasics.mutants import report as mutants

        return mutants.main(root, args.assignment, args.name, args.limit, args.seed, args.jobs)
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
