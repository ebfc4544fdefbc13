"""Do the hidden graders separate right answers from wrong ones, through real `nbgrader autograde`?

For every assignment one scratch class is graded at once: the reference solution, the
blank release, and one student per catalogue answer (``tests/answers/<a>/<name>/``), each
being the reference notebook with that one solution cell replaced.
"""

from __future__ import annotations

import functools

import pytest

from nnbasics.course import (
    answer_files,
    assignments,
    grade_id,
    read_notebook,
    solution_names,
    with_answers,
    write_notebook,
)
from tests.conftest import CATALOGUE, ROOT, autograde, scores

pytestmark = pytest.mark.slow

NAMES = {a: solution_names(read_notebook(ROOT / "source" / a / f"{a}.ipynb")) for a in assignments(ROOT)}


def student_id(kind: str, name: str, path) -> str:
    return f"{kind}-{name}-{path.stem.removeprefix(kind + '_')}".replace("_", "-")


def catalogue(kind: str):
    for a in assignments(ROOT):
        for name in NAMES[a]:
            for path in answer_files(CATALOGUE, a, name, kind):
                yield pytest.param(a, name, path, id=f"{a}/{name}/{path.stem}")


@functools.cache
def graded(course, assignment: str) -> dict[str, dict[str, float]]:
    """Submit the whole validity class for ``assignment``, autograde it once, return scores."""
    blank = read_notebook(course / "release" / assignment / f"{assignment}.ipynb")
    solved = read_notebook(course / "solutions" / assignment / f"{assignment}.ipynb")
    reference = {grade_id(c): c["source"] for c in solved["cells"] if grade_id(c) in NAMES[assignment]}
    students = {"reference": with_answers(blank, reference), "blank": blank}
    for kind in ("wrong", "right"):
        for name in NAMES[assignment]:
            for path in answer_files(CATALOGUE, assignment, name, kind):
                students[student_id(kind, name, path)] = with_answers(blank, {**reference, name: path.read_text()})
    for student, notebook in students.items():
        write_notebook(notebook, course / "submitted" / student / assignment / f"{assignment}.ipynb")
    autograde(course, assignment)
    return scores(course, assignment)


@pytest.mark.parametrize("assignment", assignments(ROOT))
def test_reference_solution_scores_full_marks(course, assignment):
    got = graded(course, assignment)["reference"]
    max_points = graded_max(course, assignment)
    assert got == max_points


@pytest.mark.parametrize("assignment", assignments(ROOT))
def test_blank_release_scores_zero(course, assignment):
    got = graded(course, assignment)["blank"]
    assert got and all(score == 0 for score in got.values()), got


@pytest.mark.parametrize(("assignment", "name", "path"), list(catalogue("wrong")))
def test_wrong_answer_loses_points_on_its_exercise(course, assignment, name, path):
    got = graded(course, assignment)[student_id("wrong", name, path)]
    assert got[f"test_{name}"] < graded_max(course, assignment)[f"test_{name}"], got


@pytest.mark.parametrize(("assignment", "name", "path"), list(catalogue("right")))
def test_right_answer_in_another_style_gets_full_marks(course, assignment, name, path):
    got = graded(course, assignment)[student_id("right", name, path)]
    assert got == graded_max(course, assignment)


@pytest.mark.parametrize("assignment", assignments(ROOT))
def test_catalogue_has_four_wrong_and_two_right_answers_per_name(assignment):
    for name in NAMES[assignment]:
        assert len(answer_files(CATALOGUE, assignment, name, "wrong")) >= 4, name
        assert len(answer_files(CATALOGUE, assignment, name, "right")) >= 2, name


def graded_max(course, assignment: str) -> dict[str, float]:
    notebook = read_notebook(course / "source" / assignment / f"{assignment}.ipynb")
    return {grade_id(c): float(c["metadata"]["nbgrader"]["points"]) for c in notebook["cells"]
            if c["metadata"].get("nbgrader", {}).get("grade") and not c["metadata"]["nbgrader"].get("solution")}
