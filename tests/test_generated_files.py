"""Are the committed release/ and solutions/ exactly what nbgrader generates from source/ now?"""

from __future__ import annotations

import filecmp

import pytest

from nnbasics.course import assignments
from nnbasics.release_kit import KIT_FILES
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def tree(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("kind", ["release", "solutions"])
@pytest.mark.parametrize("assignment", assignments(ROOT))
def test_committed_files_equal_what_nbgrader_generates(course, kind, assignment):
    committed, generated = ROOT / kind / assignment, course / kind / assignment
    assert tree(committed) == tree(generated), "run `make release` to regenerate release/ and solutions/"
    for path in tree(generated):
        assert filecmp.cmp(committed / path, generated / path, shallow=False), (
            f"{kind}/{assignment}/{path} is stale: run `make release` to regenerate it")


def test_no_hidden_grader_is_released(course):
    released = {p.read_bytes() for kind in ("release", "solutions") for p in (ROOT / kind).rglob("*.py")}
    for grader in (ROOT / "grader_tests").rglob("*.py"):
        assert grader.read_bytes() not in released, grader
    assert not list((ROOT / "release").rglob("test_*.py"))


@pytest.mark.parametrize("assignment", assignments(ROOT))
def test_every_assignment_releases_the_whole_kit_and_each_file_says_where_it_comes_from(assignment):
    """Does every release folder hold every kit file, each saying it is a generated copy?"""
    for name in KIT_FILES:
        released = ROOT / "release" / assignment / name
        assert released.read_bytes() == (ROOT / "nnbasics" / "release_kit" / name).read_bytes(), (
            f"{released} is stale: run `make release`")
        assert f"a copy of nnbasics/release_kit/{name}" in released.read_text(encoding="utf-8").splitlines()[0]
