"""Feedback back to students through nbgrader's own exchange, end to end.

An exchange folder (``c.Exchange.root``) serves the course "nn-basics". The instructor releases
``ps2_activations``; two students — the same Unix user here, each with a home folder of their
own (``HOME``: their nbgrader cache) and ``c.CourseDirectory.student_id`` naming them, as
``nbgrader submit --student`` does — fetch it, answer it, and submit. The instructor collects,
autogrades with the real ``nbgrader autograde``, generates and releases feedback, and each
student fetches their own: the lines of their own test cells, their due date, nobody else's.
"""

from __future__ import annotations

import html
import json
import subprocess

import pytest

from nnbasics.course import grade_id, read_notebook, solution_names, with_answers, write_notebook
from nnbasics.grading import results
from nnbasics.nbgrader_run import BIN, nbgrader, nbgrader_env
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

A = "ps2_activations"
DUE = "2099-03-20 14:59:00 UTC"


def student_nbgrader(home, *args: str) -> subprocess.CompletedProcess:
    """nbgrader as a student: in their home folder, with their HOME (so their own cache)."""
    env = {k: v for k, v in nbgrader_env().items() if not k.startswith("JUPYTER")}
    env["HOME"] = str(home)
    run = subprocess.run([str(BIN / "nbgrader"), *args], cwd=home, env=env, capture_output=True, text=True)
    assert run.returncode == 0, f"nbgrader {' '.join(args)} as {home.name}:\n{run.stdout}{run.stderr}"
    return run


def instructor(course, *args: str) -> None:
    run = nbgrader(course, *args, check=False)
    assert run.returncode == 0, f"nbgrader {' '.join(args)}:\n{run.stdout}{run.stderr}"


@pytest.fixture(scope="module")
def through_exchange(course_factory, tmp_path_factory):
    course = course_factory("exchange", only=[A])
    exchange = tmp_path_factory.mktemp("exchange")
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")  # the README's instructor step
    instructor(course, "db", "assignment", "add", A, f"--duedate={DUE}")
    instructor(course, "release_assignment", A)

    solved = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    homes = {}
    for student in ("s01", "s02"):
        home = tmp_path_factory.mktemp(student)
        (home / "nbgrader_config.py").write_text(  # the README's student step
            f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = 'nn-basics'\n"
            f"c.CourseDirectory.student_id = {student!r}\n", encoding="utf-8")
        student_nbgrader(home, "fetch_assignment", A)
        fetched = read_notebook(home / A / f"{A}.ipynb")
        answers = {grade_id(c): c["source"] for c in solved["cells"] if grade_id(c) in solution_names(fetched)}
        if student == "s02":
            answers["relu"] = (ROOT / "tests" / "answers" / A / "relu" / "wrong_abs.py").read_text()
        write_notebook(with_answers(fetched, answers), home / A / f"{A}.ipynb")
        student_nbgrader(home, "submit", A)
        homes[student] = home

    instructor(course, "collect", A)
    instructor(course, "autograde", A)
    instructor(course, "generate_feedback", A)
    instructor(course, "release_feedback", A)
    for home in homes.values():
        student_nbgrader(home, "fetch_feedback", A)
    return course, homes


def fetched_feedback(home) -> str:
    pages = list((home / A / "feedback").glob(f"*/{A}.html"))
    assert len(pages) == 1, pages
    return pages[0].read_text(encoding="utf-8")


def test_each_student_fetches_their_own_feedback(through_exchange):
    """Does each student's fetched page hold every line of their own test cells, as autograded?"""
    course, homes = through_exchange
    for student, home in homes.items():
        page = fetched_feedback(home)
        notebook = json.loads((course / "autograded" / student / A / f"{A}.ipynb").read_text(encoding="utf-8"))
        cells = [c for c in notebook["cells"] if results.read(c) is not None]
        assert len(cells) == 4
        for cell in cells:
            lines = results.read(cell).feedback(float(cell["metadata"]["nbgrader"]["points"]))
            for line in lines.splitlines():
                assert html.escape(line.strip(), quote=False) in page, (student, line)


def test_scores_and_deadline_reach_the_student(through_exchange):
    """Full marks for s01, relu's points lost for s02, both told the due date and on time."""
    _, homes = through_exchange
    s01, s02 = fetched_feedback(homes["s01"]), fetched_feedback(homes["s02"])
    assert "(Score: 5.0 / 5.0)" in s01 and "(Score: 4.0 / 5.0)" in s02
    for page in (s01, s02):
        assert "제출 기한(due date): 2099-03-20 14:59 UTC" in page and "기한 안에 제출" in page


def test_no_student_gets_anothers_feedback(through_exchange):
    """The exchange holds one page per submission; each student fetched only the one for theirs."""
    course, homes = through_exchange
    assert len(list((course / "feedback").glob(f"*/{A}/{A}.html"))) == 2
    assert fetched_feedback(homes["s01"]) != fetched_feedback(homes["s02"])
    assert fetched_feedback(homes["s01"]) == (course / "feedback" / "s01" / A / f"{A}.html").read_text(
        encoding="utf-8")
