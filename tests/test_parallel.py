"""Does `nnbasics autograde` grade a class like `nbgrader autograde`, in parallel and on Dask?"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from nnbasics import batch
from nnbasics.course import answer_files, read_notebook, solution_names, with_answers, write_notebook
from tests.conftest import CATALOGUE, autograde, scores

pytestmark = pytest.mark.slow

A = "ps1_gates"


def submit_mixed_class(course, size: int) -> None:
    """Reference, blank and catalogue answers, in turn."""
    blank = read_notebook(course / "release" / A / f"{A}.ipynb")
    solved = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    variants = [solved, blank]
    for name in solution_names(blank):
        for path in answer_files(CATALOGUE, A, name, "wrong")[:1] + answer_files(CATALOGUE, A, name, "right")[:1]:
            variants.append(with_answers(solved, {name: path.read_text()}))
    for i in range(size):
        write_notebook(variants[i % len(variants)], course / "submitted" / f"s{i:02d}" / A / f"{A}.ipynb")


def autograded_notebooks(course) -> dict[str, str]:
    return {p.parts[-3]: p.read_text() for p in (course / "autograded").glob(f"*/{A}/{A}.ipynb")}


@pytest.fixture(scope="module")
def course(course_factory):
    course = course_factory("parallel", only=[A])
    submit_mixed_class(course, 12)
    autograde(course, A)
    return course, scores(course, A), autograded_notebooks(course)


def regrade(course, **options):
    shutil.rmtree(course / "autograded")
    said = []
    outcomes = batch.autograde(course, A, log=course / "batch.log", say=said.append, **options)
    return outcomes, scores(course, A), said


def test_two_jobs_give_the_same_gradebook_and_notebooks_as_nbgrader_autograde(course):
    course, expected, notebooks = course
    outcomes, got, said = regrade(course, jobs=2)
    assert got == expected and len(got) == 12
    assert all(o.graded for o in outcomes) and "graded 12, failed 0 of 12" in said[-1]
    assert autograded_notebooks(course) == notebooks


def test_a_dask_cluster_gives_the_same_gradebook(course):
    from distributed import LocalCluster

    course, expected, _ = course
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        outcomes, got, said = regrade(course, scheduler=cluster.scheduler_address)
    assert got == expected and all(o.graded for o in outcomes)
    assert "Dask scheduler" in said[-1]


def run_cli(course, *args):
    return subprocess.run([sys.executable, "-m", "nnbasics.cli", "autograde", A, *args], cwd=course,
                          capture_output=True, text=True, timeout=600)


def test_a_broken_submission_does_not_fail_the_run_but_broken_grading_does(course):
    course, _, _ = course
    (course / "submitted" / "s00" / A / f"{A}.ipynb").write_text("not json")
    assert run_cli(course, "--jobs", "2").returncode == 0
    (course / "grader_tests" / A / "test_XOR.py").rename(course / "test_XOR.py.away")
    try:
        result = run_cli(course, "--jobs", "2")
    finally:
        (course / "test_XOR.py.away").rename(course / "grader_tests" / A / "test_XOR.py")
    assert result.returncode == 1
    assert "grading failed (infrastructure)" in result.stdout
