"""Does `pytest` in an assignment folder check the saved notebook the way a student expects?"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from nnbasics.course import assignments
from nnbasics.release_kit import KIT_FILES
from tests.conftest import ROOT

KIT = ROOT / "nnbasics" / "release_kit"

NOTEBOOK = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "id": "a",
     "source": "import numpy as np\nprint('noise')"},
    {"cell_type": "code", "execution_count": None, "outputs": [], "id": "b",
     "metadata": {"nbgrader": {"solution": True, "grade": False, "grade_id": "double"}},
     "source": "def double(x):\n    return np.asarray(x) * 2"},
    {"cell_type": "code", "execution_count": None, "outputs": [], "id": "c",
     "metadata": {"nbgrader": {"solution": True, "grade": False, "grade_id": "double_all"}},
     "source": "def double_all(x):\n    raise NotImplementedError()"},
    {"cell_type": "code", "execution_count": None, "outputs": [], "id": "d",
     "metadata": {"nbgrader": {"grade": True, "solution": False, "points": 1, "grade_id": "test_double"}},
     "source": "raise RuntimeError('test cells are not run by the self-check')"},
]}

CHECKS = '''
import numpy as np
from selfcheck import expect_array

def test_double_small(student):
    """double([1, 2]) 는 [2, 4]"""
    expect_array(student.double(np.array([1, 2])), [2, 4], what="double([1, 2])")

def test_double_all_small(student):
    """double_all([1]) 는 [2]"""
    expect_array(student.double_all(np.array([1])), [2], what="double_all([1])")
'''


@pytest.fixture
def folder(pytester):
    for name in KIT_FILES:
        shutil.copy(KIT / name, pytester.path / name)
    pytester.makepyfile(public_checks=CHECKS)
    (pytester.path / "hw.ipynb").write_text(json.dumps(NOTEBOOK))
    return pytester


def test_prints_one_line_per_exercise(folder):
    result = folder.runpytest_subprocess()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*per exercise*", "✓ double * 1/1 통과", "✗ double_all * 0/1 통과"])


def test_a_failure_says_what_is_wrong_in_student_terms(folder):
    result = folder.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*double_all*아직 구현하지 않았어요 (NotImplementedError)*"])
    assert "Traceback" not in result.stdout.str()


def test_a_notebook_that_is_not_json_gets_a_clear_message(folder):
    (folder.path / "hw.ipynb").write_text("{not json")
    result = folder.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*hw.ipynb: 노트북 파일을 읽을 수 없어요 (JSON 오류*"])


def run_pytest(folder):
    return subprocess.run([sys.executable, "-m", "pytest"], cwd=folder, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("assignment", assignments(ROOT))
def test_public_checks_pass_on_the_solutions_and_fail_on_the_release(assignment):
    solved = run_pytest(ROOT / "solutions" / assignment)
    assert solved.returncode == 0, solved.stdout[-3000:]
    assert "✗" not in solved.stdout
    blank = run_pytest(ROOT / "release" / assignment)
    assert blank.returncode == 1 and "✓" not in blank.stdout.split("per exercise")[-1], blank.stdout[-3000:]


def test_each_failure_is_printed_once_in_full_under_its_exercise(folder):
    """No FAILURES section and no short summary cut at 50 characters: each failed check once."""
    result = folder.runpytest_subprocess()
    out = result.stdout.str()
    assert out.count("double_all([1]) 는 [2]") == 1 and "FAILURES" not in out and "short test summary" not in out
    result.stdout.fnmatch_lines(["✗ double_all * 0/1 통과", "  ✗ double_all([1]) 는 [2]",
                                 "      → double_all(...): 아직 구현하지 않았어요 (NotImplementedError)"])


def test_a_cell_that_raised_is_named_by_its_exercise_or_its_first_line(folder):
    notebook = json.loads((folder.path / "hw.ipynb").read_text())
    notebook["cells"].insert(3, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                 "id": "e", "source": "# a picture\nplot = double_all(3)"})
    (folder.path / "hw.ipynb").write_text(json.dumps(notebook))
    result = folder.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*(노트북의 첫 줄이 `plot = double_all(3)`인 셀: NotImplementedError*"])
    assert "셀 4" not in result.stdout.str()


def test_checks_belong_to_the_notebooks_exercises_not_to_its_other_names(folder):
    """A helper named ``double_all`` in a notebook whose exercises are ``double`` only: the check stays with double."""
    notebook = json.loads((folder.path / "hw.ipynb").read_text())
    notebook["cells"][2]["metadata"] = {}  # double_all is now a plain cell, not an exercise
    (folder.path / "hw.ipynb").write_text(json.dumps(notebook))
    result = folder.runpytest_subprocess()
    result.stdout.fnmatch_lines(["✗ double * 1/2 통과"])


def test_all_passed_says_the_hidden_graders_test_more(folder):
    notebook = json.loads((folder.path / "hw.ipynb").read_text())
    notebook["cells"][2]["source"] = "def double_all(x):\n    return np.asarray(x) * 2"
    (folder.path / "hw.ipynb").write_text(json.dumps(notebook))
    result = folder.runpytest_subprocess()
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*공개 검사를 모두 통과했어요*숨겨진 채점 검사*"])
