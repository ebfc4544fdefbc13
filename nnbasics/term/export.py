"""`nnbasics export --format canvas|moodle|long`: the gradebook as a file an LMS imports.

- **canvas**: Canvas's gradebook import (``Student, ID, SIS User ID, SIS Login ID, Section``,
  one column per assignment or per exercise (then the late penalty as a column of its own), a
  ``Points Possible`` row). Students are matched by
  ``ID`` = nbgrader's ``lms_user_id``; a student without one is left out and named.
- **moodle**: Moodle's "Import grades from CSV" (map ``Email address`` or ``ID number`` to the
  user field of that name); one grade column per assignment (or exercise) and, with
  feedback, ``<assignment> feedback``: per-exercise scores, the properties failed, any penalty.
- **long**: one row per student, assignment and exercise (score before the late penalty, the
  assignment's penalty repeated on each of its rows).

Scores are after the late penalty (never below 0) except in ``long``; numbers have a dot; files
are UTF-8, written to a temporary file and renamed, so a failed export leaves no half file.
The same writers are nbgrader export plugins: ``nbgrader export --exporter
nnbasics.term.export.CanvasExport --to canvas.csv``.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
from pathlib import Path

from nbgrader.plugins import ExportPlugin
from traitlets import Bool

from nnbasics.term import wording
from nnbasics.term.files import write_atomically
from nnbasics.term.grades import AssignmentGrade, NoGrades, StudentGrades, class_grades

CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_POINTS = "    Points Possible"  # as Canvas writes it in its own exports
MOODLE_FIXED = ["First name", "Last name", "ID number", "Email address"]
PENALTY = "late penalty"  # a per-exercise export's column for it: points possible 0, score negative
LONG_HEADER = ["student_id", "assignment", "exercise", "score", "max_score", "late_penalty", "submitted"]


def number(value: float | None) -> str:
    """A plain decimal with a dot, at most 4 places, no exponent ("" for no value)."""
    if value is None:
        return ""
    text = format(round(value, 4), "f").rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclasses.dataclass
class Export:
    text: str
    written: int  # students in the file
    without_submission: dict[str, list[str]]  # assignment → students with no submission, in the file
    left_out: list[str]  # why each student who is not in the file is not


def columns(assignments: list[str], grades: list[StudentGrades], per_exercise: bool) -> list[tuple[str, str | None]]:
    """(assignment, exercise grade_id, ``PENALTY`` or None) per grade column; per exercise, the
    late penalty gets a column of its own when someone has one, so the columns still add up."""
    if not per_exercise or not grades:
        return [(a, None) for a in assignments]
    found = []
    for a in assignments:
        found += [(a, e.name) for e in grades[0].assignments[a].exercises]
        if any(g.assignments[a].penalty for g in grades):
            found.append((a, PENALTY))
    return found


def column_title(assignment: str, exercise: str | None) -> str:
    return assignment if exercise is None else f"{assignment}: {exercise.removeprefix('test_')}"


def cell_value(grade: AssignmentGrade, exercise: str | None, missing_as_zero: bool) -> str:
    if not grade.submitted:
        return "0" if missing_as_zero else ""
    if exercise is None:
        return number(grade.score)
    if exercise == PENALTY:
        return number(-min(grade.penalty, grade.raw_score or 0.0))  # never below a total of 0
    return number(next(e.score for e in grade.exercises if e.name == exercise))


def points(grade: AssignmentGrade, exercise: str | None) -> float:
    if exercise is None:
        return grade.max_score
    return 0.0 if exercise == PENALTY else next(e.max_score for e in grade.exercises if e.name == exercise)


def to_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def missing(grades: list[StudentGrades], assignments: list[str]) -> dict[str, list[str]]:
    return {a: [g.student.id for g in grades if not g.assignments[a].submitted] for a in assignments}


def shared(grades: list[StudentGrades], key) -> dict[str, list[str]]:
    """Identifier → the students sharing it, for identifiers held by more than one student."""
    holders: dict[str, list[str]] = {}
    for g in grades:
        if value := key(g.student).strip().lower():
            holders.setdefault(value, []).append(g.student.id)
    return {value: ids for value, ids in holders.items() if len(ids) > 1}


def canvas(assignments: list[str], grades: list[StudentGrades], per_exercise: bool = False,
           missing_as_zero: bool = False, feedback: bool = False) -> Export:
    cols = columns(assignments, grades, per_exercise)
    rows = [CANVAS_FIXED + [column_title(*c) for c in cols]]
    if grades:
        rows.append([CANVAS_POINTS, "", "", "", ""] + [number(points(grades[0].assignments[a], e)) for a, e in cols])
    kept, left_out = [], []
    ambiguous = shared(grades, lambda s: s.lms_user_id)
    for g in grades:
        if not g.student.lms_user_id.strip():
            left_out.append(f"student {g.student.id!r} ({g.student.name}): no lms_user_id, Canvas's ID; "
                            f"set it with nbgrader db student add {g.student.id} --lms-user-id=<Canvas user id>")
            continue
        if others := ambiguous.get(g.student.lms_user_id.strip().lower()):
            others = ", ".join(o for o in others if o != g.student.id)
            left_out.append(f"student {g.student.id!r} ({g.student.name}): lms_user_id "
                            f"{g.student.lms_user_id!r} is also that of {others}")
            continue
        kept.append(g)
        rows.append([g.student.sortable_name, g.student.lms_user_id.strip(), g.student.id, g.student.email, ""]
                    + [cell_value(g.assignments[a], e, missing_as_zero) for a, e in cols])
    return Export(to_csv(rows), len(kept), missing(kept, assignments), left_out)


def feedback_text(grade: AssignmentGrade) -> str:
    """Per-exercise scores, the properties failed, the penalty: plain lines, HTML-escaped (Moodle
    shows feedback as HTML)."""
    if not grade.submitted:
        return wording.NO_SUBMISSION
    lines = []
    for e in grade.exercises:
        line = f"{e.title}: {number(e.score)}/{number(e.max_score)}"
        failed = e.failed()
        lines.append(line + (" — ✗ " + "; ✗ ".join(failed) if failed else ""))
    if grade.penalty:
        lines.append(wording.PENALTY.format(penalty=grade.penalty))
    lines.append(wording.TOTAL.format(score=grade.score, max_score=grade.max_score))
    return html.escape("\n".join(lines), quote=False)


def moodle(assignments: list[str], grades: list[StudentGrades], per_exercise: bool = False,
           missing_as_zero: bool = False, feedback: bool = True) -> Export:
    cols = columns(assignments, grades, per_exercise)
    header = MOODLE_FIXED + [column_title(*c) for c in cols]
    if feedback:
        header += [f"{a} feedback" for a in assignments]
    rows, kept, left_out = [header], [], []
    ambiguous = {**shared(grades, lambda s: s.email), **shared(grades, lambda s: s.lms_user_id)}
    for g in grades:
        s = g.student
        if not (s.email.strip() or s.lms_user_id.strip()):
            left_out.append(f"student {s.id!r} ({s.name}): neither email nor lms_user_id for Moodle to match; set "
                            f"one with nbgrader db student add {s.id} --email=... or --lms-user-id=...")
            continue
        clash = [v for v in (s.email.strip().lower(), s.lms_user_id.strip().lower()) if v in ambiguous]
        if clash:
            others = sorted({o for v in clash for o in ambiguous[v]} - {s.id})
            left_out.append(f"student {s.id!r} ({s.name}): {clash[0]!r} is also that of {', '.join(others)}")
            continue
        kept.append(g)
        row = [s.first_name, s.last_name, s.lms_user_id.strip(), s.email.strip()]
        row += [cell_value(g.assignments[a], e, missing_as_zero) for a, e in cols]
        if feedback:
            row += [feedback_text(g.assignments[a]) for a in assignments]
        rows.append(row)
    return Export(to_csv(rows), len(kept), missing(kept, assignments), left_out)


def long(assignments: list[str], grades: list[StudentGrades], per_exercise: bool = True,
         missing_as_zero: bool = False, feedback: bool = False) -> Export:
    rows = [LONG_HEADER]
    for g in grades:
        for a in assignments:
            grade = g.assignments[a]
            for e in grade.exercises:
                score = e.score if grade.submitted else (0.0 if missing_as_zero else None)
                rows.append([g.student.id, a, e.title, number(score), number(e.max_score), number(grade.penalty),
                             "yes" if grade.submitted else "no"])
    return Export(to_csv(rows), len(grades), missing(grades, assignments), [])


WRITERS = {"canvas": canvas, "moodle": moodle, "long": long}


def export(root: Path, fmt: str, output: Path, assignments: list[str] | None = None, per_exercise: bool = False,
           missing_as_zero: bool = False, feedback: bool = True, db_url: str | None = None) -> Export:
    chosen, grades = class_grades(root, assignments, db_url)
    result = WRITERS[fmt](chosen, grades, per_exercise=per_exercise, missing_as_zero=missing_as_zero,
                          feedback=feedback)
    write_atomically(output, result.text)
    return result


def summary(result: Export, output: Path, missing_as_zero: bool) -> str:
    lines = [f"{output}: {result.written} students"]
    for a, students in result.without_submission.items():
        if students:
            lines.append(f"  {a}: {len(students)} without a submission "
                         f"({'0' if missing_as_zero else 'empty grade'}): {', '.join(students)}")
    if result.left_out:
        lines.append(f"  left out, {len(result.left_out)}:")
        lines += [f"    {why}" for why in result.left_out]
    return "\n".join(lines)


def main(root: Path, fmt: str, output: Path | None, assignments: list[str] | None, per_exercise: bool,
         missing_as_zero: bool, feedback: bool) -> int:
    output = output or root / "reports" / f"grades-{fmt}.csv"
    try:
        result = export(root, fmt, output, assignments, per_exercise, missing_as_zero, feedback)
    except NoGrades as error:
        print(error)
        return 1
    print(summary(result, output, missing_as_zero))
    # The file holds the rest of the class; a non-zero status says someone still needs an identifier.
    return 1 if result.left_out else 0


class LmsExport(ExportPlugin):
    """``nbgrader export --exporter nnbasics.term.export.CanvasExport`` (or Moodle/LongExport)."""

    format = "long"
    per_exercise = Bool(False, help="one grade column per exercise").tag(config=True)
    missing_as_zero = Bool(False, help="0, not an empty grade, for students without a submission").tag(config=True)

    def export(self, gradebook) -> None:
        coursedir = self.parent.coursedir
        output = Path(self.to or f"grades-{self.format}.csv")
        result = export(Path(coursedir.root), self.format, output, list(self.assignment) or None, self.per_exercise,
                        self.missing_as_zero, db_url=coursedir.db_url)
        self.log.info("%s", summary(result, output, self.missing_as_zero))


class CanvasExport(LmsExport):
    format = "canvas"


class MoodleExport(LmsExport):
    format = "moodle"


class LongExport(LmsExport):
    format = "long"
