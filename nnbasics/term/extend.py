"""`nnbasics extend ASSIGNMENT STUDENT --days N --hours N` (or `--csv FILE`): deadline extensions,
recorded where nbgrader keeps them (``SubmittedAssignment.extension``, via ``grant_extension``).

nbgrader stores an extension on the student's submission row, so one is made (empty: no
timestamp, no scores) when the student has not submitted yet; autograde later fills that row and
keeps the extension. An extension replaces the previous one (nbgrader's rule); 0 removes it
(and the empty row, if it was made only to hold it).
If the submission was already graded, its late penalty is worked out again at once by the
course's late-penalty plugin (``c.AssignLatePenalties.plugin_class``), as autograde would.

A CSV (UTF-8) has the columns ``assignment, student_id`` and ``days`` and/or ``hours``. Every
row is checked first; if any row is wrong, each wrong row is named and nothing is recorded.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import re
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import AssignLatePenalties

from nnbasics.configuration import course_directory, load_config
from nnbasics.gradebook import has_work
from nnbasics.term import late

CSV_COLUMNS = ("assignment", "student_id")


class BadExtension(ValueError):
    pass


@dataclasses.dataclass
class Extension:
    assignment: str
    student: str
    days: float = 0.0
    hours: float = 0.0
    where: str = ""  # "row 3 of FILE", for messages

    @property
    def length(self) -> datetime.timedelta:
        return datetime.timedelta(days=self.days, hours=self.hours)


def check(gb: Gradebook, extension: Extension, now: datetime.datetime, allow_past: bool) -> str | None:
    """What is wrong with granting ``extension``, or None."""
    try:
        gb.find_student(extension.student)
    except MissingEntry:
        return f"no student {extension.student!r} in the gradebook (add them first: nnbasics roster FILE)"
    try:
        assignment = gb.find_assignment(extension.assignment)
    except MissingEntry:
        known = ", ".join(a.name for a in gb.assignments) or "none"
        return f"no assignment {extension.assignment!r} in the gradebook (it has: {known})"
    if extension.days < 0 or extension.hours < 0:
        return "an extension cannot be negative"
    if assignment.duedate is None:
        return (f"{extension.assignment} has no due date, so nothing to extend: set one with "
                f"nbgrader db assignment add {extension.assignment} --duedate='YYYY-MM-DD HH:MM:SS UTC'")
    new_deadline = assignment.duedate + extension.length
    if extension.length and new_deadline < now and not allow_past:
        return (f"the extended deadline {late.format_time(new_deadline)} is already past; to forgive a late "
                f"submission after the fact, add --allow-past")
    return None


def reassess_penalty(gb: Gradebook, config, assignment: str, student: str) -> None:
    """The submission's late penalty again, by the configured plugin, as AssignLatePenalties does
    during autograde (only for notebooks already scored)."""
    submission = gb.find_submission(assignment, student)
    assigner = AssignLatePenalties(config=config)
    assigner.gradebook, assigner.assignment_id, assigner.student_id = gb, assignment, student
    assigner.init_plugin()
    for notebook in submission.notebooks:
        if all(g.auto_score is None and g.manual_score is None for g in notebook.grades):
            continue  # not graded yet: autograde will assign it
        assigner.notebook_id = notebook.name
        notebook.late_submission_penalty = None
        if submission.total_seconds_late > 0:
            penalty = assigner.plugin_inst.late_submission_penalty(student, notebook.score,
                                                                   submission.total_seconds_late)
            if penalty is not None:
                notebook.late_submission_penalty = assigner._check_late_penalty(notebook, penalty)
    gb.db.commit()


def grant(root: Path, extensions: list[Extension], allow_past: bool = False,
          now: datetime.datetime | None = None, known: list[str] = ()) -> list[str]:
    """Record every extension, or none: the problems found, with those ``known`` already
    (empty when all were recorded)."""
    course = course_directory(root)
    config = load_config(root)
    now = now or datetime.datetime.now(datetime.UTC).replace(tzinfo=None)  # nbgrader's naive UTC
    with Gradebook(course.db_url, course_id=course.course_id) as gb:
        problems = [f"{e.where or f'{e.assignment} {e.student}'}: {why}"
                    for e in extensions if (why := check(gb, e, now, allow_past))] + list(known)
        seen: dict[tuple[str, str], str] = {}
        for e in extensions:
            key = (e.assignment, e.student)
            if key in seen:
                problems.append(f"{e.where}: {e.student} on {e.assignment} again (first at {seen[key]})")
            seen.setdefault(key, e.where)
        if problems:
            return problems
        for e in extensions:
            submission = gb.update_or_create_submission(e.assignment, e.student)
            if not e.length and not has_work(submission):
                gb.remove_submission(e.assignment, e.student)  # it only held the extension taken away
                continue
            gb.grant_extension(e.assignment, e.student, days=e.days, hours=e.hours)
            reassess_penalty(gb, config, e.assignment, e.student)
    return []


def read_csv(path: Path) -> tuple[list[Extension], list[str]]:
    """The extensions in a CSV, and what is wrong with its rows."""
    extensions, problems = [], []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        absent = [c for c in CSV_COLUMNS if c not in header] + ([] if {"days", "hours"} & set(header)
                                                               else ["days or hours"])
        if absent:
            return [], [f"{path.name}: needs the columns {', '.join(absent)} (has: {', '.join(header) or 'none'})"]
        reader.fieldnames = header
        for number, row in enumerate(reader, start=2):  # row 1 is the header
            where = f"row {number} of {path.name}"
            try:
                days, hours = (float((row.get(k) or "0").strip() or 0) for k in ("days", "hours"))
            except ValueError:
                problems.append(f"{where}: days and hours must be numbers (got {row.get('days')!r}, "
                                f"{row.get('hours')!r})")
                continue
            assignment, student = ((row.get(k) or "").strip() for k in CSV_COLUMNS)
            if not assignment or not student:
                problems.append(f"{where}: assignment and student_id are both needed")
                continue
            extensions.append(Extension(assignment, student, days, hours, where))
    return extensions, problems


def row_number(problem: str) -> int:
    found = re.match(r"row (\d+) ", problem)
    return int(found.group(1)) if found else 0


def main(root: Path, assignment: str | None, student: str | None, days: float, hours: float,
         csv_file: Path | None, allow_past: bool) -> int:
    if csv_file:
        extensions, problems = read_csv(csv_file)
    else:
        extensions, problems = [Extension(assignment, student, days, hours, f"{assignment} {student}")], []
    problems = grant(root, extensions, allow_past, known=problems)
    if problems:
        print("No extension recorded:")
        print("\n".join(f"  {p}" for p in sorted(problems, key=row_number)))
        return 1
    with Gradebook(course_directory(root).db_url) as gb:
        for e in extensions:
            try:
                d = late.deadline(gb.find_submission(e.assignment, e.student))
            except MissingEntry:
                print(f"{e.assignment} {e.student}: no extension")
                continue
            said = (f"extended by {late.format_extension(d.extension)} to {late.format_time(d.extended_to)}"
                    if d.extension else "extension removed")
            print(f"{e.assignment} {e.student}: {said}"
                  + (f"; late penalty now {d.penalty:g}" if d.submitted else ""))
    return 0
