"""Does grading work with the gradebook in PostgreSQL (``c.CourseDirectory.db_url``)?

A real PostgreSQL server is installed if missing and started on 127.0.0.1 for this
module (tests/postgres.py); each test grades a scratch course into its own database.
"""

from __future__ import annotations

import json
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


ATTACK = """
# Reach the gradebook itself: the server's UNIX socket (trust, as Debian's "peer" would be for
# the grading user), then TCP; zero everyone, and leave a table behind as proof.
import socket
tried = {{}}
for name, address in (("socket", {socket!r}), ("tcp", ("127.0.0.1", {port}))):
    try:
        with socket.socket(socket.AF_UNIX if name == "socket" else socket.AF_INET) as s:
            s.settimeout(3)
            s.connect(address)
        tried[name] = "connected"
    except OSError as error:
        tried[name] = type(error).__name__
try:
    import psycopg2
    for name, host in (("psycopg2 socket", {folder!r}), ("psycopg2 tcp", "127.0.0.1")):
        try:
            with psycopg2.connect(host=host, port={port}, user="postgres", dbname={database!r},
                                  connect_timeout=3) as connection, connection.cursor() as cursor:
                cursor.execute("UPDATE grade SET manual_score = 0")
                cursor.execute("CREATE TABLE pwned (x int)")
            tried[name] = "updated"
        except Exception as error:
            tried[name] = type(error).__name__
except ImportError as error:
    tried["psycopg2"] = "ImportError"
print(json.dumps(tried))
"""


def test_a_submission_cannot_reach_the_postgresql_gradebook(course_factory, server):
    """A blank notebook whose code connects to the server's UNIX socket and to
    127.0.0.1:<port> and UPDATEs the grade tables: every attempt fails, and the gradebook
    holds what the graders gave (the students graded before and after it keep 5/5)."""
    course = course_factory("pg_attack", only=[A])
    database = "attack"
    db_url = server.database(database)
    grade_into_postgresql(course, db_url)
    assert server.socket.is_socket()  # there is something to reach
    blank = read_notebook(course / "release" / A / f"{A}.ipynb")
    solved = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    source = "import json\n" + ATTACK.format(socket=str(server.socket), port=server.port, folder=str(server.folder),
                                              database=database)
    attack = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
    attacker = {**blank, "cells": [blank["cells"][0], attack, *blank["cells"][1:]]}
    for student, notebook in (("a_honest", solved), ("m_attacker", attacker), ("z_honest", solved)):
        submit(course, student, notebook)

    autograde(course, A)

    got = submissions(db_url)
    assert got["a_honest"] == got["z_honest"] == (5, 5, POINTS)
    assert got["m_attacker"][:2] == (0, 5) and not any(got["m_attacker"][2].values())
    graded = read_notebook(course / "autograded" / "m_attacker" / A / f"{A}.ipynb")
    texts = [o.get("text", "") for o in graded["cells"][1]["outputs"]]
    printed = "".join("".join(t) if isinstance(t, list) else t for t in texts)
    tried = json.loads(printed[printed.index("{"):])  # after the mark that sets student output apart
    assert set(tried) == {"socket", "tcp", "psycopg2 socket", "psycopg2 tcp"}, tried
    assert not {"connected", "updated"} & set(tried.values()), tried
    assert server.query(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'pwned'") == [(0,)]
