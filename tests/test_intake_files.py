"""The intake's pieces on their own, at their default caps: quick, and never blocking (an alarm
fails a test that would wait on a FIFO). Grading through nbgrader: tests/test_intake.py."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import nbformat
import pytest

from nnbasics import batch
from nnbasics.nbgrader_ext.intake import NotRegular, SubmissionIntake, read_regular, survey
from nnbasics.nbgrader_ext.student_content import STUDENT_MARK, SanitizeStudentHTML, mark, unmark, unsafe_html
from nnbasics.nbgrader_ext.tolerant_exporter import read_notebook
from tests.conftest import ROOT

MiB = 2**20
CAPS = SubmissionIntake()


@pytest.fixture(autouse=True)
def no_blocking():
    signal.alarm(20)  # a FIFO opened the blocking way would hang here
    yield
    signal.alarm(0)


def notebook_file(path: Path, cells: list[dict]) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.from_dict(c) for c in cells])
    path.write_text(json.dumps(notebook))  # \u escapes: lone surrogates survive
    return path


def code(source: str) -> dict:
    return nbformat.v4.new_code_cell(source)


@pytest.mark.parametrize(("make", "why"), [
    (lambda p: os.mkfifo(p), "named pipe"),
    (lambda p: p.symlink_to("/dev/zero"), "symbolic link"),
    (lambda p: p.mkdir(), "folder"),
    (lambda p: p.write_bytes(b"x" * (16 * MiB + 1)), "over the 16777216 byte limit"),
])
def test_what_is_not_a_small_regular_file_is_refused_without_reading_it(tmp_path, make, why):
    path = tmp_path / "nb.ipynb"
    make(path)
    with pytest.raises(NotRegular, match=why):
        read_regular(str(path), CAPS.notebook_limit)


def test_a_file_at_the_cap_is_read(tmp_path):
    (tmp_path / "ok").write_bytes(b"x" * 100)
    assert read_regular(str(tmp_path / "ok"), 100) == b"x" * 100


def test_a_code_cell_over_the_cap_and_a_lone_surrogate_cost_only_their_cells(tmp_path):
    path = notebook_file(tmp_path / "nb.ipynb", [code("a = 1"), code("#" * (CAPS.cell_limit + 1)),
                                                 code("s = '\udc80'"), nbformat.v4.new_markdown_cell("ok")])
    nb, problems = read_notebook(str(path), CAPS.notebook_limit, CAPS.cell_limit)
    assert [c.source for c in nb.cells][0::3] == ["a = 1", "ok"]
    assert "over the 1048576 character limit" in problems[0] and "UTF-8" in problems[1] and len(problems) == 2
    assert "raise RuntimeError" in nb.cells[1].source and "raise RuntimeError" in nb.cells[2].source
    nbformat.writes(nb).encode("utf-8")  # nbgrader can save it


def test_surrogates_in_metadata_become_replacement_characters(tmp_path):
    path = notebook_file(tmp_path / "nb.ipynb", [code("a = 1")])
    raw = json.loads(path.read_text())
    raw["metadata"]["\udcff"] = ["\ud800"]
    path.write_text(json.dumps(raw))
    nb, problems = read_notebook(str(path), CAPS.notebook_limit, CAPS.cell_limit)
    assert problems == [] and nb.metadata["\ufffd"] == ["\ufffd"]


def test_the_survey_looks_without_following_or_opening(tmp_path):
    (tmp_path / "nb.ipynb").write_text("{}")
    (tmp_path / "a.txt").write_text("a")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "b.txt").write_text("b")
    (tmp_path / "dir" / "up").symlink_to("..")
    with open(tmp_path / "dir" / "big", "wb") as f:
        f.truncate(CAPS.file_limit + 1)
    found = survey(str(tmp_path), CAPS)
    assert found.accepted == ["a.txt", "dir/b.txt"]
    assert dict(found.ignored) == {"pipe": "a named pipe (FIFO)", "zero": "a symbolic link",
                                   "dir/up": "a symbolic link",
                                   "dir/big": f"{CAPS.file_limit + 1} bytes, over the {CAPS.file_limit} byte limit"}


def test_too_many_files_are_all_ignored_at_once(tmp_path):
    for i in range(CAPS.max_files + 1):
        (tmp_path / f"{i}.txt").write_text("")
    found = survey(str(tmp_path), CAPS)
    assert found.everything and found.accepted == [] and len(found.ignored) == 1


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: os.mkfifo(p), "nb.ipynb cannot be read: it is a named pipe (FIFO); graded as blank"),
    (lambda p: p.mkdir(), "nb.ipynb cannot be read: it is a folder; graded as blank"),
    (lambda p: p.symlink_to("/dev/zero"), "nb.ipynb cannot be read: it is a symbolic link; graded as blank"),
    (lambda p: p.write_text("{oops"), "nb.ipynb is not valid JSON"),
])
def test_the_batch_check_names_the_problem_without_blocking(tmp_path, make, said):
    make(tmp_path / "nb.ipynb")
    os.mkfifo(tmp_path / "beside")
    missing, problems = batch.check_submission(tmp_path, ["nb", "other"])
    assert missing == ["other.ipynb"]
    assert problems[0].startswith(said) and problems[1] == "beside ignored: a named pipe (FIFO)"


def test_markdown_the_course_writes_is_left_alone():
    cells = [c for path in (ROOT / "release").glob("*/*.ipynb") for c in json.loads(path.read_text())["cells"]
             if c["cell_type"] == "markdown"]
    assert len(cells) > 50
    assert [unsafe_html("".join(c["source"])) for c in cells if unsafe_html("".join(c["source"]))] == []


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "[x](&#106;avascript:alert(1))",
    "<img src=x onerror=alert(1)>", '<div style="position:fixed;top:0">fake score</div>', "<!-- hidden -->",
    "<iframe src=https://example.org></iframe>", "![x](data:image/svg+xml;base64,PHN2Zz4=)",
])
def test_html_beyond_markdown_is_found(source):
    assert unsafe_html(source)


def test_every_output_line_is_marked_and_nothing_can_hide_the_mark():
    text = "ok\r✓ 4/4 통과\x1b[2K\x1b[1G→ 2/2점\x08\x08\u2028fake\u202eline\n"
    marked = mark(text)
    assert all(line.startswith(STUDENT_MARK) for line in marked.splitlines())
    assert len(marked.splitlines()) == 3 and "\u202e" not in marked and "\x1b" not in marked and "\x08" not in marked
    assert unmark(mark("a\nb\n")) == "a\nb\n"


def test_a_raw_cell_is_audited_as_the_html_it_may_be_emitted_as():
    """Indented, it is a code block to markdown (escaped), but raw HTML to nbconvert."""
    cell = nbformat.v4.new_raw_cell("    <script>alert(1)</script>", metadata={"raw_mimetype": "text/html"})
    SanitizeStudentHTML().preprocess_cell(cell, {}, 0)
    assert "<script>" not in cell.source and "&lt;script&gt;" in cell.source


def test_a_submission_folder_that_is_a_link_gives_nothing_beside_its_notebook(tmp_path):
    """Linked to another student's folder: their files must not be copied as this one's."""
    other = tmp_path / "submitted" / "other" / "a"
    other.mkdir(parents=True)
    (other / "answers.txt").write_text("theirs")
    (tmp_path / "submitted" / "me").mkdir()
    (tmp_path / "submitted" / "me" / "a").symlink_to(other)
    found = survey(str(tmp_path / "submitted" / "me" / "a"), CAPS, str(tmp_path))
    assert found.everything and found.accepted == [] and "symbolic link" in found.ignored[0][1]
    assert survey(str(other), CAPS, str(tmp_path)).accepted == ["answers.txt"]
