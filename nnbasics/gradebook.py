"""Reading scores back from a course's gradebook (SQLite by default, or the configured db_url)."""

from __future__ import annotations

from pathlib import Path

from nbgrader.api import Gradebook, SubmittedAssignment

from nnbasics.configuration import course_directory


def open_gradebook(course: Path) -> Gradebook:
    """The course's gradebook, by its configured db_url and course id."""
    course = course_directory(course)
    return Gradebook(course.db_url, course_id=course.course_id)


def has_work(submission: SubmittedAssignment) -> bool:
    """A submission row holds work when it was submitted or graded; ``nnbasics extend`` makes
    empty rows to hold an extension before the student has submitted (nbgrader keeps it there)."""
    return submission.timestamp is not None or any(
        g.auto_score is not None or g.manual_score is not None for nb in submission.notebooks for g in nb.grades)


def submission_scores(gb: Gradebook, assignment: str) -> dict[str, dict[str, float]]:
    """student → {test cell grade_id: score}, from an open gradebook (rows holding only an extension left out)."""
    return {s.student.id: {g.name: g.score for nb in s.notebooks for g in nb.grades}
            for s in gb.assignment_submissions(assignment) if has_work(s)}


def scores(course: Path, assignment: str) -> dict[str, dict[str, float]]:
    """student → {test cell grade_id: score}, from the course's gradebook."""
    with open_gradebook(course) as gb:
        return submission_scores(gb, assignment)
