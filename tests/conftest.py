"""Shared fixtures: scratch copies of the course, graded by the real nbgrader."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nnbasics.gradebook import scores  # noqa: F401 - re-exported for the tests
from nnbasics.nbgrader_run import nbgrader, nbgrader_env
from nnbasics.release import copy_course, generate

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "tests" / "answers"  # right and wrong answers per graded name

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
