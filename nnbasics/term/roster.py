"""`nnbasics roster FILE`: students into nbgrader's gradebook from a CSV, checked first.

The columns are those of ``nbgrader db student import`` (``id`` required; ``first_name``,
``last_name``, ``email``, ``lms_user_id``; a column left out is left as it was). Unlike it,
the file is read as UTF-8 whatever the locale (Korean names intact, an Excel BOM skipped), and
every row is checked before anything is written: an empty or repeated ``id``, an
``lms_user_id`` or ``email`` given to two students. If any row is wrong, each wrong row is
named and no student is added or changed.
"""

from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.api import Gradebook

from nnbasics.configuration import course_directory

FIELDS = ("id", "first_name", "last_name", "email", "lms_user_id")
UNIQUE = ("id", "lms_user_id", "email")  # each names one student, in the LMS or here


def read_roster(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    """The roster's students (``FIELDS``, empty as None), and what is wrong with its rows."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        if "id" not in header:
            return [], [f"{path}: needs an id column (has: {', '.join(header) or 'none'})"]
        reader.fieldnames = header
        students, problems = [], []
        first_row: dict[tuple[str, str], int] = {}
        for number, row in enumerate(reader, start=2):  # row 1 is the header
            student = {k: ((row.get(k) or "").strip() or None) for k in FIELDS if k in header}
            if not student["id"]:
                problems.append(f"row {number}: no id")
                continue
            for field in UNIQUE:
                value = student.get(field)
                if value is None:
                    continue
                seen = first_row.setdefault((field, value.lower() if field == "email" else value), number)
                if seen != number:
                    problems.append(f"row {number}: {field} {value!r} is already on row {seen}")
            students.append(student)
    return students, problems


def main(root: Path, path: Path) -> int:
    students, problems = read_roster(path)
    if problems:
        print(f"{path}: nothing imported; fix these rows:")
        print("\n".join(f"  {p}" for p in problems))
        return 1
    course = course_directory(root)
    with Gradebook(course.db_url, course_id=course.course_id) as gb:
        for student in students:
            gb.update_or_create_student(student["id"], **{k: v for k, v in student.items() if k != "id"})
    print(f"{len(students)} students added or updated from {path}")
    return 0
