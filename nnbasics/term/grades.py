"""The class's grades as data, for exports and feedback files: per student, per assignment, per
exercise, with the late penalty and the grader results stored in the autograded notebooks.

Scores and penalties come from the gradebook (nbgrader's API); what each grader test found comes
from ``results.read`` on the autograded notebook's test cells, never from feedback text.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from nnbasics.configuration import course_directory, sqlite_file
from nnbasics.course import grade_id
from nnbasics.gradebook import has_work
from nnbasics.grading import results
from nnbasics.grading.results import ModuleResult
from nnbasics.term import late, wording


class NoGrades(Exception):
    """Nothing to export: no gradebook, or an assignment it does not have."""


@dataclasses.dataclass
class Student:
    id: str
    first_name: str
    last_name: str
    email: str
    lms_user_id: str

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.id

    @property
    def sortable_name(self) -> str:
        """Canvas's "Last, First"."""
        return ", ".join(p for p in (self.last_name, self.first_name) if p) or self.id


@dataclasses.dataclass
class ExerciseGrade:
    name: str  # the test cell's grade_id, test_<name>
    max_score: float
    score: float | None  # None: not submitted
    result: ModuleResult | None = None  # what the graders found, when the notebook holds it

    @property
    def title(self) -> str:
        return self.name.removeprefix("test_")

    def failed(self) -> list[str]:
        """The properties the student's answer failed, in the words of the feedback."""
        if self.result is None:
            return []
        failed = [t for t in self.result.tests if not t.passed]
        if failed and all(t.not_implemented for t in failed):
            return [wording.NOT_IMPLEMENTED]  # a stub left as released fails everything: one line says it
        return ([self.result.aborted] if self.result.aborted else []) + [t.description for t in failed]


@dataclasses.dataclass
class AssignmentGrade:
    assignment: str
    submitted: bool
    exercises: list[ExerciseGrade]
    deadline: late.Deadline | None

    @property
    def max_score(self) -> float:
        return sum(e.max_score for e in self.exercises)

    @property
    def raw_score(self) -> float | None:
        return sum(e.score or 0.0 for e in self.exercises) if self.submitted else None

    @property
    def penalty(self) -> float:
        return self.deadline.penalty if self.deadline else 0.0

    @property
    def score(self) -> float | None:
        """After the late penalty (never below 0); None when nothing was submitted."""
        return None if self.raw_score is None else round(max(0.0, self.raw_score - self.penalty), 4)


@dataclasses.dataclass
class StudentGrades:
    student: Student
    assignments: dict[str, AssignmentGrade]


def exercise_results(course, assignment: str, student: str) -> dict[str, ModuleResult]:
    """Test cell grade_id → the grader results stored in the student's autograded notebooks."""
    found = {}
    folder = Path(course.format_path(course.autograded_directory, student, assignment))
    for path in sorted(folder.glob("*.ipynb")):
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # the gradebook's scores still stand; only the test lines are missing
        for cell in notebook.get("cells", []):
            result = results.read(cell)
            if result is not None:
                found[grade_id(cell)] = result
    return found


def assignment_grade(gb: Gradebook, course, assignment, student: str) -> AssignmentGrade:
    cells = [(cell.name, cell.max_score) for nb in assignment.notebooks for cell in nb.grade_cells]
    try:
        submission = gb.find_submission(assignment.name, student)
    except MissingEntry:
        submission = None
    if submission is None or not has_work(submission):
        return AssignmentGrade(assignment.name, False, [ExerciseGrade(n, m, None) for n, m in cells],
                               late.deadline(submission) if submission else None)
    scores = {g.name: g.score for nb in submission.notebooks for g in nb.grades}
    stored = exercise_results(course, assignment.name, student)
    return AssignmentGrade(assignment.name, True,
                           [ExerciseGrade(n, m, scores.get(n) or 0.0, stored.get(n)) for n, m in cells],
                           late.deadline(submission))


def class_grades(root: Path, assignments: list[str] | None = None,
                 db_url: str | None = None) -> tuple[list[str], list[StudentGrades]]:
    """The assignments (the gradebook's order, or as asked) and every student's grades in them."""
    course = course_directory(root)
    db_url = db_url or course.db_url
    database = sqlite_file(db_url)
    if database and not database.exists():  # nbgrader would create an empty one
        raise NoGrades(f"no gradebook at {database}: autograde first")
    with Gradebook(db_url, course_id=course.course_id) as gb:
        known = [a.name for a in gb.assignments]
        unknown = [a for a in assignments or () if a not in known]
        if unknown:
            raise NoGrades(f"not in the gradebook: {', '.join(unknown)} (it has: {', '.join(known) or 'none'})")
        chosen = [gb.find_assignment(name) for name in (assignments or known)]
        grades = []
        for student in sorted(gb.students, key=lambda s: s.id):
            record = Student(student.id, student.first_name or "", student.last_name or "", student.email or "",
                             student.lms_user_id or "")
            grades.append(StudentGrades(record, {a.name: assignment_grade(gb, course, a, student.id)
                                                 for a in chosen}))
    return [a.name for a in chosen], grades
