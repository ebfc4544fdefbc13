"""Does grading work with the gradebook in PostgreSQL (``c.CourseDirectory.db_url``)?

A real PostgreSQL server is installed if missing and started on 127.0.0.1 for this
module (tests/postgres.py); each test grades a scratch course into its own database.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from nnbasics.course import grade_id, read_notebook, with_answers, write_notebook
from nnbasics.nbgrader_run import BIN, nbgrader, nbgrader_env
from tests import postgres
from tests.conftest import autograde, scores

pytestmark = pytest.mark.slow

A = "ps1_gates"
COURSE_ID = "nn-basics"  # nbgrader_config.py's course_id
POINTS = {"test_AND": 1, "test_NAND": 1, "test_OR": 1, "test_XOR": 2}  # test cell → max score


@pytest.fixture(scope="module")
def server():
    with postgres.server_for_tests() as running:
        yield running


def grade_into_postgresql(course: Path, db_url: str) -> None:
    """Point the course at ``db_url`` and put the assignment in that gradebook."""
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f'\nc.CourseDirectory.db_url = "{db_url}"\n')
    # course_factory generated the release into SQLite; this puts the assignment in PostgreSQL.
    nbgrader(course, "generate_assignment", A, "--force", log=course / "nbgrader.log")


def submit(course: Path, student: str, notebook: dict) -> None:
    write_notebook(notebook, course / "submitted" / student / A / f"{A}.ipynb")


def submissions(db_url: str) -> dict[str, tuple[float, float, dict[str, float]]]:
    """student → (total score, max score, {test cell grade_id: score}) read from the gradebook at ``db_url``."""
    with Gradebook(db_url, course_id=COURSE_ID) as gb:
        return {s.student.id: (s.score, s.max_score, {g.name: g.score for nb in s.notebooks for g in nb.grades})
                for s in gb.assignment_submissions(A)}


def assert_only_in_postgresql(course: Path, got: dict) -> None:
    """The course's own score reader follows db_url, and nothing was graded into SQLite."""
    assert scores(course, A) == {student: cells for student, (_, _, cells) in got.items()}
    assert submissions(f"sqlite:///{course / 'gradebook.db'}") == {}


def test_nbgrader_autograde_writes_grades_to_postgresql(course_factory, server):
    """Does the real ``nbgrader autograde`` score into PostgreSQL: reference 5/5, blank 0/5?"""
    course = course_factory("pg", only=[A])
    db_url = server.database("autograde")
    grade_into_postgresql(course, db_url)
    submit(course, "reference", read_notebook(course / "solutions" / A / f"{A}.ipynb"))
    submit(course, "blank", read_notebook(course / "release" / A / f"{A}.ipynb"))

    autograde(course, A)

    got = submissions(db_url)
    assert set(got) == {"reference", "blank"}
    assert got["reference"] == (5, 5, POINTS)
    assert got["blank"][:2] == (0, 5) and set(got["blank"][2]) == set(POINTS)
    assert not any(got["blank"][2].values())
    assert_only_in_postgresql(course, got)


def test_parallel_nnbasics_autograde_writes_every_row_to_postgresql(course_factory, server):
    """Does ``nnbasics autograde --jobs 2`` give each of 6 students their own right row in PostgreSQL?"""
    course = course_factory("pg_jobs", only=[A])
    db_url = server.database("parallel")
    grade_into_postgresql(course, db_url)
    blank = read_notebook(course / "release" / A / f"{A}.ipynb")
    solved = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    reference = {grade_id(c): c["source"] for c in solved["cells"] if grade_id(c) in {"AND", "NAND", "OR", "XOR"}}
    # Each student answers a different set of gates with the reference code, so each row differs.
    answered = {"none": [], "and": ["AND"], "and_nand": ["AND", "NAND"], "three": ["AND", "NAND", "OR"],
                "all": ["AND", "NAND", "OR", "XOR"]}
    for student, gates in answered.items():
        submit(course, student, with_answers(blank, {g: reference[g] for g in gates}))
    (course / "submitted" / "no_notebook" / A).mkdir(parents=True)
    answered["no_notebook"] = []

    run = subprocess.run([str(BIN / "nnbasics"), "autograde", A, "--jobs", "2"], cwd=course, env=nbgrader_env(),
                         capture_output=True, text=True, check=False)

    assert run.returncode == 0, run.stdout + run.stderr
    assert "(2 jobs)" in run.stdout
    got = submissions(db_url)
    assert set(got) == set(answered)
    for student, gates in answered.items():
        expected = {cell: points if cell.removeprefix("test_") in gates else 0 for cell, points in POINTS.items()}
        assert got[student] == (sum(expected.values()), 5, expected), student
    assert_only_in_postgresql(course, got)
