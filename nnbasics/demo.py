"""`make demo`: release the course, grade a sample class end to end, print the scores.

The sample class is built in ``demo/`` (a scratch copy of the course, rebuilt each run)
from the reference solutions and, when given, an answer catalogue (``make demo`` passes the
project's ``tests/answers``).
"""

from __future__ import annotations

from pathlib import Path

from nnbasics import batch
from nnbasics.course import (
    answer_files,
    assignments,
    grade_id,
    read_notebook,
    solution_names,
    with_answers,
    write_notebook,
)
from nnbasics.gradebook import open_gradebook
from nnbasics.nbgrader_run import nbgrader
from nnbasics.release import copy_course, release


def sample_class(root: Path, assignment: str, answers: Path | None = None) -> dict[str, dict | str | None]:
    """Student id → submitted notebook (a dict), raw text (not JSON), or None (no notebook)."""
    blank = read_notebook(root / "release" / assignment / f"{assignment}.ipynb")
    solved = read_notebook(root / "solutions" / assignment / f"{assignment}.ipynb")
    names = solution_names(blank)
    reference = {grade_id(c): c["source"] for c in solved["cells"] if grade_id(c) in names}

    def first(kind: str) -> dict[str, str]:
        found = {n: answer_files(answers, assignment, n, kind) for n in names}
        return {n: files[0].read_text() for n, files in found.items() if files}

    from_catalogue = {"other_style": with_answers(blank, {**reference, **first("right")}),
                      "typical_mistakes": with_answers(blank, first("wrong"))} if answers else {}
    return {
        "full_marks": with_answers(blank, reference),
        **from_catalogue,
        "partly_done": with_answers(blank, {n: reference[n] for n in names[: len(names) // 2]}),
        "blank": blank,
        "broken_json": '{"cells": [ this is not JSON',
        "no_notebook": None,
    }


def submit_sample_class(root: Path, demo: Path, answers: Path | None) -> None:
    for assignment in assignments(root):
        for student, notebook in sample_class(root, assignment, answers).items():
            folder = demo / "submitted" / student / assignment
            folder.mkdir(parents=True)
            path = folder / f"{assignment}.ipynb"
            if isinstance(notebook, dict):
                write_notebook(notebook, path)
            elif isinstance(notebook, str):
                path.write_text(notebook)
            else:
                (folder / "notes.txt").write_text("forgot the notebook\n")


def score_table(demo: Path, assignment: str) -> str:
    names = solution_names(read_notebook(demo / "release" / assignment / f"{assignment}.ipynb"))
    rows = [["student", *names, "total"]]
    with open_gradebook(demo) as gb:
        for submission in sorted(gb.assignment_submissions(assignment), key=lambda s: s.student.id):
            cells = {g.name: g for nb in submission.notebooks for g in nb.grades}
            scores = [cells.get(f"test_{n}") for n in names]
            rows.append([submission.student.id,
                         *[f"{g.score:g}/{g.max_score:g}" if g else "-" for g in scores],
                         f"{submission.score:g}/{submission.max_score:g}"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def main(root: Path, answers: Path | None = None) -> int:
    demo = root / "demo"
    log = root / "demo.log"
    log.unlink(missing_ok=True)
    copy_course(root, demo)
    print("1. release: nbgrader generate_assignment / generate_solution (source/ -> release/, solutions/)")
    release(root, log, scratch=demo)
    print("2. sample class: demo/submitted/ (7 students per assignment)")
    submit_sample_class(root, demo, answers)
    for assignment in assignments(root):
        print(f"3. autograde {assignment}")
        batch.autograde(demo, assignment, log=log)
        nbgrader(demo, "generate_feedback", assignment, "--force", log=log)
    print("4. feedback: demo/feedback/;  grades: demo/grades.csv")
    nbgrader(demo, "export", "--to", str(demo / "grades.csv"), log=log)
    for assignment in assignments(root):
        print(f"\n== {assignment}\n{score_table(demo, assignment)}")
    print(f"\nnbgrader's log: {log}")
    return 0
