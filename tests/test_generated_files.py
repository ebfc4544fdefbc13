"""Are the committed release/ and solutions/ exactly what nbgrader generates from source/ now?"""

from __future__ import annotations

import filecmp

import pytest

from nnbasics.course import assignments
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def tree(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("kind", ["release", "solutions"])
@pytest.mark.parametrize("assignment", assignments(ROOT))
def test_committed_files_equal_what_nbgrader_generates(course, kind, assignment):
    committed, generated = ROOT / kind / assignment, course / kind / assignment
    assert tree(committed) == tree(generated), "run `make demo` to regenerate release/ and solutions/"
    for path in tree(generated):
        assert filecmp.cmp(committed / path, generated / path, shallow=False), (
            f"{kind}/{assignment}/{path} is stale: run `make demo` to regenerate it")


def test_no_hidden_grader_is_released(course):
    released = {p.read_bytes() for kind in ("release", "solutions") for p in (ROOT / kind).rglob("*.py")}
    for grader in (ROOT / "grader_tests").rglob("*.py"):
        assert grader.read_bytes() not in released, grader
    assert not list((ROOT / "release").rglob("test_*.py"))
