"""Does one student's broken submission stay that student's problem?"""

from __future__ import annotations

import pytest

from nnbasics import batch
from nnbasics.course import read_notebook, write_notebook
from tests.conftest import scores

pytestmark = pytest.mark.slow

A = "ps1_gates"


@pytest.fixture(scope="module")
def graded(course_factory):
    course = course_factory("bad_input", only=[A])
    release = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    write_notebook(release, course / "submitted" / "good" / A / f"{A}.ipynb")
    (course / "submitted" / "nobook" / A).mkdir(parents=True)
    (course / "submitted" / "nobook" / A / "answers.txt").write_text("oops")
    (course / "submitted" / "notjson" / A).mkdir(parents=True)
    (course / "submitted" / "notjson" / A / f"{A}.ipynb").write_text('{"cells": [oops')
    said = []
    outcomes = batch.autograde(course, A, log=course / "batch.log", say=said.append)
    return course, {o.student: o for o in outcomes}, "\n".join(said)


def test_messages_name_the_student_and_the_file(graded):
    _, _, said = graded
    assert f"nobook: {A}/{A}.ipynb is missing" in said
    assert f"notjson: {A}/{A}.ipynb is not valid JSON" in said


def test_the_run_counts_graded_and_failed(graded):
    _, outcomes, said = graded
    assert f"{A}: graded 3 (1 without a notebook: a row of zeros), failed 0 of 3 submissions" in said
    assert outcomes["good"].graded and outcomes["notjson"].graded and not outcomes["nobook"].graded


def test_every_student_has_a_row_and_the_good_one_full_marks(graded):
    course, _, _ = graded
    got = scores(course, A)
    assert set(got) == {"good", "nobook", "notjson"}
    assert sum(got["good"].values()) == 5  # ps1_gates: AND, NAND, OR 1 point each, XOR 2
    assert all(v == 0 for v in got["nobook"].values()) and all(v == 0 for v in got["notjson"].values())


def test_the_unreadable_file_is_kept_as_submitted(graded):
    course, _, _ = graded
    assert (course / "submitted" / "notjson" / A / f"{A}.ipynb").read_text() == '{"cells": [oops'
    feedback = (course / "autograded" / "notjson" / A / f"{A}.ipynb").read_text()
    assert "is not a readable notebook" in feedback
