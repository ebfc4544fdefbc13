"""Shared fixtures: scratch copies of the course, graded by the real nbgrader."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from nnbasics.demo import copy_course, generate
from nnbasics.nbgrader_run import nbgrader, nbgrader_env

ROOT = Path(__file__).resolve().parents[1]

# nbgrader (and our in-process Gradebook use) runs `alembic` from PATH.
os.environ["PATH"] = nbgrader_env()["PATH"]


@pytest.fixture(scope="session")
def course_factory(tmp_path_factory):
    """Make a scratch course: sources, graders and config copied, release generated."""

    def make(name: str, only: list[str] | None = None) -> Path:
        course = tmp_path_factory.mktemp(name)
        copy_course(ROOT, course)
        generate(course, course / "nbgrader.log", only)
        return course

    return make


@pytest.fixture(scope="session")
def course(course_factory) -> Path:
    return course_factory("course")


def autograde(course: Path, assignment: str) -> None:
    nbgrader(course, "autograde", assignment, "--force", log=course / "nbgrader.log", check=False)


def scores(course: Path, assignment: str) -> dict[str, dict[str, float]]:
    """student → {test cell grade_id: score} read back from the gradebook."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: {g.name: g.score for nb in s.notebooks for g in nb.grades}
                for s in gb.assignment_submissions(assignment)}
