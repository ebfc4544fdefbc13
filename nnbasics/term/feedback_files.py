"""`nnbasics feedback <assignment> [--out DIR]`: one self-contained HTML file per student who
submitted, ``DIR/<student id>.html`` (default ``reports/feedback/<assignment>/``), to upload to
an LMS or mail when there is no nbgrader exchange.

Each file holds the deadline (due date, extension, when submitted, any late penalty), the
total, and per exercise the score and the lines the student's test cell showed, rendered from
the results stored as data (``ModuleResult.feedback``). Everything is escaped; no script, no
external resource.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from nnbasics.term import wording
from nnbasics.term.export import number
from nnbasics.term.feedback_note import deadline_lines
from nnbasics.term.files import write_atomically
from nnbasics.term.grades import AssignmentGrade, NoGrades, Student, class_grades

STYLE = """
body { font-family: system-ui, "Noto Sans KR", sans-serif; margin: 2em auto; max-width: 48em; color: #222; }
.exercise { border: 1px solid #ddd; border-radius: 6px; padding: 0.3em 1em; margin: 1em 0; }
.exercise h2 { font-size: 1.1em; font-family: monospace; }
pre { white-space: pre-wrap; font-size: 0.9em; }
"""


def file_name(student_id: str) -> str:
    """The student id as a file name: kept when it is plain, otherwise unsafe characters as %XX."""
    safe = re.sub(r"[^A-Za-z0-9._@-]", lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), student_id)
    return ("%2E" + safe[1:] if safe.startswith(".") else safe) + ".html"


def render(student: Student, grade: AssignmentGrade) -> str:
    e = html.escape
    parts = []
    for exercise in grade.exercises:
        lines = exercise.result.feedback(exercise.max_score) if exercise.result else ""
        parts.append(f"<section class=exercise><h2>{e(exercise.title)} — {number(exercise.score)}/"
                     f"{number(exercise.max_score)}</h2>" + (f"<pre>{e(lines)}</pre>" if lines else "") + "</section>")
    deadline = "".join(f"<li>{e(line)}</li>" for line in (deadline_lines(grade.deadline) if grade.deadline else []))
    title = f"{grade.assignment} — {student.name} ({student.id})"
    return (f"<!DOCTYPE html><html lang=ko><head><meta charset=utf-8><title>{e(title)}</title>"
            f"<style>{STYLE}</style></head><body><h1>{e(title)}</h1>"
            + (f"<ul>{deadline}</ul>" if deadline else "")
            + f"<p><b>{e(wording.TOTAL.format(score=grade.score, max_score=grade.max_score))}</b></p>"
            + "".join(parts) + "</body></html>\n")


def write_feedback(root: Path, assignment: str, out: Path | None = None) -> tuple[Path, list[Path], list[str]]:
    """The folder, the files written, and the students without a submission (no file)."""
    out = out or root / "reports" / "feedback" / assignment
    _, grades = class_grades(root, [assignment])
    written, absent = [], []
    for g in grades:
        grade = g.assignments[assignment]
        if not grade.submitted:
            absent.append(g.student.id)
            continue
        path = out / file_name(g.student.id)
        write_atomically(path, render(g.student, grade))
        written.append(path)
    return out, written, absent


def main(root: Path, assignment: str, out: Path | None = None) -> int:
    try:
        folder, written, absent = write_feedback(root, assignment, out)
    except NoGrades as error:
        print(error)
        return 1
    print(f"{folder}: {len(written)} feedback files"
          + (f"; without a submission, no file: {len(absent)} ({', '.join(absent)})" if absent else ""))
    return 0
