"""Reading scores back from a course's gradebook (SQLite by default, or the configured db_url)."""

from __future__ import annotations

from pathlib import Path

from nbgrader.api import Gradebook

from nnbasics.configuration import course_directory


def open_gradebook(course: Path) -> Gradebook:
    """The course's gradebook, by its configured db_url and course id."""
    course = course_directory(course)
    return Gradebook(course.db_url, course_id=course.course_id)


def submission_scores(gb: Gradebook, assignment: str) -> dict[str, dict[str, float]]:
    """student → {test cell grade_id: score}, from an open gradebook."""
    return {s.student.id: {g.name: g.score for nb in s.notebooks for g in nb.grades}
            for s in gb.assignment_submissions(assignment)}


def scores(course: Path, assignment: str) -> dict[str, dict[str, float]]:
    """student → {test cell grade_id: score}, from the course's gradebook."""
    with open_gradebook(course) as gb:
        return submission_scores(gb, assignment)
