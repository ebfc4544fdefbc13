"""Does every submission get its row, whatever files it is made of, without stalling or filling the disk?

One class of ``ps1_gates``, one student per case, graded with the real ``nbgrader autograde``
and then ``nnbasics autograde --jobs 2`` (each under ``timeout``), on a 64 MiB tmpfs mounted
here: a regression that copies /dev/zero fills that, not the machine. Then feedback with
``nbgrader generate_feedback``. Caps are small here (a 200 000 character cell, a 4 MiB
notebook, 1 MiB files) so that cases over them stay cheap.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from nnbasics.course import grade_id, read_notebook, solution_names, with_answers, write_notebook
from nnbasics.nbgrader_ext.student_content import STUDENT_MARK
from nnbasics.nbgrader_ext.submission import submission_digest
from nnbasics.nbgrader_run import BIN, nbgrader_env
from nnbasics.release import copy_course, generate
from tests.conftest import ROOT, scores

pytestmark = pytest.mark.slow

A = "ps1_gates"
FULL = {"test_AND": 1.0, "test_NAND": 1.0, "test_OR": 1.0, "test_XOR": 2.0}
ZERO = dict.fromkeys(FULL, 0.0)
CAPS = """
# tests/test_intake.py: small caps, so that cases over them stay cheap
c.SubmissionIntake.cell_limit = 200_000
c.SubmissionIntake.notebook_limit = 4 * 2**20
c.SubmissionIntake.file_limit = 2**20
c.SandboxedAutograde.exercise_seconds = 5
"""
IMITATION = "채점 결과(hidden grader tests): 97/97 통과 → 2/2점\n  ✓ 모든 입력에서 정답과 같아요\n"
SCRIPT = '<script>alert("student")</script>'


def _solved(course: Path) -> dict:
    blank = read_notebook(course / "release" / A / f"{A}.ipynb")
    solutions = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    return with_answers(blank, {grade_id(c): c["source"] for c in solutions["cells"]
                                if grade_id(c) in solution_names(blank)})


def _with_cell_source(notebook: dict, name: str, extra: str) -> dict:
    notebook = copy.deepcopy(notebook)
    cell = next(c for c in notebook["cells"] if grade_id(c) == name)
    cell["source"] = "".join(cell["source"]) + extra
    return notebook


def _write_ascii(notebook: dict, path: Path) -> None:
    """JSON with \\u escapes: the only way to hand in a lone surrogate."""
    path.write_text(json.dumps(notebook), encoding="ascii")


def _html_student(notebook: dict) -> dict:
    notebook = copy.deepcopy(notebook)
    notebook["cells"].append({"cell_type": "markdown", "metadata": {},
                              "source": f"숙제 끝!\n\n{SCRIPT}\n\n[점수 보기](javascript:alert(1))"})
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                              "source": f"print(bytes.fromhex({IMITATION.encode().hex()!r}).decode())"})
    return notebook


def build(folder: Path, case: str, solved: dict) -> None:
    """One student's submission folder for ``case``."""
    notebook = folder / f"{A}.ipynb"
    if case in ("reference", "zero_beside", "fifo_beside", "huge_beside", "bad_timestamp", "many_files", "seed"):
        write_notebook(solved, notebook)
    if case == "zero_beside":
        (folder / "timestamp.txt").symlink_to("/dev/zero")
        (folder / "data").mkdir()
        (folder / "data" / "table.npy").symlink_to("/dev/zero")
    elif case == "fifo_beside":
        os.mkfifo(folder / "pipe.txt")
        (folder / "notes.txt").write_text("fine\n")
    elif case == "huge_beside":
        with open(folder / "weights.npy", "wb") as f:
            f.truncate(8 * 2**30)  # sparse: costs no space until someone copies it
    elif case == "many_files":  # listing each would cost nbgrader's copy a glob per file per entry
        for i in range(1001):
            (folder / f"f{i}.txt").write_text("")
    elif case == "bad_timestamp":
        (folder / "timestamp.txt").write_text("not a time at all")
    elif case == "notebook_fifo":
        os.mkfifo(notebook)
    elif case == "notebook_folder":
        notebook.mkdir()
        (notebook / "inside.txt").write_text("x")
    elif case == "notebook_zero":
        notebook.symlink_to("/dev/zero")
    elif case == "long_cell":  # a code cell over the cap: only its exercise is lost
        write_notebook(_with_cell_source(solved, "XOR", "\n# " + "x" * 300_000 + "\n"), notebook)
    elif case == "huge_notebook":  # over the notebook cap: read as blank, never parsed
        write_notebook(_with_cell_source(solved, "AND", "\n# " + "x" * (5 * 2**20) + "\n"), notebook)
    elif case == "surrogate":  # in the XOR cell, and in metadata (nbgrader could not save either)
        broken = _with_cell_source(solved, "XOR", "\n# \udc80\n")
        broken["metadata"]["\udcff note"] = "\ud800"
        _write_ascii(broken, notebook)
    elif case == "html":
        write_notebook(_html_student(solved), notebook)


EXPECTED = {  # student → (scores, words the reason must hold)
    "reference": (FULL, None),
    "zero_beside": (FULL, "symbolic link"),
    "fifo_beside": (FULL, "named pipe"),
    "huge_beside": (FULL, "over the 1048576 byte limit"),
    "bad_timestamp": (FULL, "not a time"),
    "many_files": (FULL, "more than 1000 files"),
    "linked_folder": (ZERO, "symbolic link"),
    "notebook_fifo": (ZERO, "named pipe"),
    "notebook_folder": (ZERO, "folder"),
    "notebook_zero": (ZERO, "symbolic link"),
    "long_cell": ({**FULL, "test_XOR": 0.0}, "over the 200000 character limit"),
    "huge_notebook": (ZERO, "over the 4194304 byte limit"),
    "surrogate": ({**FULL, "test_XOR": 0.0}, "UTF-8"),
    "html": (FULL, None),
    "seed": (FULL, None),
}


def fingerprint(folder: Path) -> dict[str, str]:
    """Every path under ``folder``: its type and mode, a link's target, a regular file's bytes
    (FIFOs and links are never opened)."""
    prints = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        info = path.lstat()
        mark = f"{info.st_mode:o} {info.st_size} {info.st_mtime_ns}"
        if stat.S_ISLNK(info.st_mode):
            mark += f" -> {os.readlink(path)}"
        elif stat.S_ISREG(info.st_mode) and info.st_size < 2**30:
            mark += " " + hashlib.sha256(path.read_bytes()).hexdigest()
        prints[str(path.relative_to(folder))] = mark
    return prints


def run(course: Path, *command: str) -> subprocess.CompletedProcess:
    """A command in the course folder under `timeout`: a submission that blocks fails the test."""
    return subprocess.run(["timeout", "-s", "KILL", "900", *command], cwd=course, env=nbgrader_env(),
                          capture_output=True, text=True)


def first_cell(course: Path, student: str) -> str:
    notebook = read_notebook(course / "autograded" / student / A / f"{A}.ipynb")
    return "".join(notebook["cells"][0]["source"])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if os.geteuid() != 0:
        pytest.skip("mounting the test's tmpfs needs root")
    mount = tmp_path_factory.mktemp("intake-tmpfs")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], check=True)
    try:
        course = mount / "course"
        copy_course(ROOT, course)
        with open(course / "nbgrader_config.py", "a") as config:
            config.write(CAPS)
        generate(course, course / "nbgrader.log", [A])
        solved = _solved(course)
        for student in EXPECTED:
            folder = course / "submitted" / student / A
            if student == "linked_folder":  # another student's folder, as this one's
                folder.parent.mkdir(parents=True)
                folder.symlink_to(course / "submitted" / "fifo_beside" / A)
                continue
            folder.mkdir(parents=True)
            build(folder, student, solved)
        before = fingerprint(course / "submitted")
        stock = run(course, str(BIN / "nbgrader"), "autograde", A, "--force")
        stock_scores = scores(course, A)
        stock_notes = {s: first_cell(course, s) for s in EXPECTED}
        ours = run(course, sys.executable, "-m", "nnbasics.cli", "autograde", A, "--jobs", "2")
        feedback = run(course, str(BIN / "nbgrader"), "generate_feedback", A, "--force")
        yield {"course": course, "stock": stock, "stock_scores": stock_scores, "stock_notes": stock_notes,
               "ours": ours, "ours_scores": scores(course, A), "feedback": feedback, "before": before,
               "after": fingerprint(course / "submitted"), "used": shutil.disk_usage(mount).used}
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_both_commands_finish_and_exit_0(graded):
    assert graded["stock"].returncode == 0, graded["stock"].stderr[-3000:]
    assert graded["ours"].returncode == 0, graded["ours"].stdout[-3000:] + graded["ours"].stderr[-3000:]
    assert "grading failed" not in graded["ours"].stdout
    assert f"graded {len(EXPECTED)}, failed 0 of {len(EXPECTED)}" in graded["ours"].stdout


@pytest.mark.parametrize("student", list(EXPECTED))
def test_each_student_gets_their_row(graded, student):
    """0 where the notebook could not be read or a cell could not be run; full marks on the rest."""
    expected, _ = EXPECTED[student]
    assert graded["stock_scores"][student] == expected
    assert graded["ours_scores"][student] == expected


@pytest.mark.parametrize("student", [s for s, (_, why) in EXPECTED.items() if why])
def test_the_reason_is_stated(graded, student):
    """In the autograded notebook's first cell (both commands), and in `nnbasics autograde`'s report."""
    _, why = EXPECTED[student]
    assert why in graded["stock_notes"][student]
    assert why in first_cell(graded["course"], student)
    assert re.search(rf"! {student}: {A}/.*{re.escape(why)}", graded["ours"].stdout), graded["ours"].stdout


def test_what_was_ignored_is_not_in_the_graded_copy(graded):
    autograded = graded["course"] / "autograded"
    assert not os.path.lexists(autograded / "zero_beside" / A / "timestamp.txt")
    assert not os.path.lexists(autograded / "zero_beside" / A / "data" / "table.npy")
    assert not os.path.lexists(autograded / "fifo_beside" / A / "pipe.txt")
    assert (autograded / "fifo_beside" / A / "notes.txt").read_text() == "fine\n"  # what was fine is kept
    assert not os.path.lexists(autograded / "huge_beside" / A / "weights.npy")
    assert not list((autograded / "many_files" / A).glob("f*.txt"))
    assert not os.path.lexists(autograded / "linked_folder" / A / "notes.txt")  # the other student's


def test_the_disk_is_not_filled(graded):
    assert graded["used"] < 32 * 2**20


def test_the_submitted_folders_are_unchanged(graded):
    assert graded["after"] == graded["before"]


# --------------------------------------------------------------------------- feedback


def test_feedback_holds_no_student_script_and_marks_imitation_lines(graded):
    assert graded["feedback"].returncode == 0, graded["feedback"].stderr[-3000:]
    page = (graded["course"] / "feedback" / "html" / A / f"{A}.html").read_text()
    assert SCRIPT not in page and 'alert("student")' in page  # shown as text, escaped
    assert 'href="javascript:' not in page
    imitated = [line for line in page.splitlines() if "97/97 통과 → 2/2점" in line]  # the source holds it in hex
    assert imitated and all(STUDENT_MARK.strip() in line for line in imitated), imitated


def test_the_autograded_notebook_formgrader_shows_is_sanitized_too(graded):
    notebook = read_notebook(graded["course"] / "autograded" / "html" / A / f"{A}.ipynb")
    text = json.dumps(notebook, ensure_ascii=False)
    assert SCRIPT not in text and "](javascript:" not in text.replace("<pre>", "")[: text.find("<pre>")]
    printed = "".join("".join(o["text"]) for o in notebook["cells"][-1]["outputs"] if o["output_type"] == "stream")
    assert printed.splitlines() and all(line.startswith(STUDENT_MARK) for line in printed.splitlines())


# --------------------------------------------------------------------------- seeds


def test_the_digest_covers_every_file_and_only_changes_with_them(tmp_path):
    folder = tmp_path / "sub"
    folder.mkdir()
    notebook = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "table: 1 2 3"}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    write_notebook(notebook, folder / "nb.ipynb")
    (folder / "side.txt").write_text("a")
    os.mkfifo(folder / "pipe")  # skipped, never opened (this would block)
    (folder / "zero").symlink_to("/dev/zero")  # skipped, never followed
    first = submission_digest(str(folder), "nb")
    assert submission_digest(str(folder), "nb") == first
    (folder / "other.ipynb").write_text("nbgrader's copy of another notebook")
    assert submission_digest(str(folder), "nb") == first
    notebook["cells"][0]["source"] = "table: 1 2 4"
    write_notebook(notebook, folder / "nb.ipynb")
    markdown_changed = submission_digest(str(folder), "nb")
    assert markdown_changed != first
    (folder / "side.txt").write_text("b")
    assert submission_digest(str(folder), "nb") not in (first, markdown_changed)
    (folder / "side.txt").rename(folder / "side2.txt")
    assert len({first, markdown_changed, submission_digest(str(folder), "nb")}) == 3


SEED_PROBE = """
import sys
import nnbasics.nbgrader_ext.sandboxed_autograde as sa
from nnbasics.grade_one import grade_one
real = sa.run_graders
def spy(*args, student_id, **kw):
    print("SEED", student_id, flush=True)
    return real(*args, student_id=student_id, **kw)
sa.run_graders = spy
result = grade_one(sys.argv[1], sys.argv[2], sys.argv[3])
print(result["error"], result["log"][-2000:])
print(result["success"])
"""


def test_a_markdown_or_side_file_change_gives_new_inputs_and_a_regrade_the_same(graded):
    """Through nbgrader's converter: the seed key given to the graders."""
    course = graded["course"]
    folder = course / "submitted" / "seed" / A

    def seed() -> str:
        out = run(course, sys.executable, "-c", SEED_PROBE, str(course), A, "seed").stdout
        assert out.strip().endswith("True"), out
        return re.search(r"^SEED (\S+)", out, re.MULTILINE).group(1)

    first = seed()
    assert seed() == first
    assert graded["ours_scores"]["seed"] == graded["stock_scores"]["seed"] == FULL
    notebook = read_notebook(folder / f"{A}.ipynb")
    notebook["cells"][0]["source"] = "".join(notebook["cells"][0]["source"]) + "\n\n표: 0 1 1 0"
    write_notebook(notebook, folder / f"{A}.ipynb")
    markdown_changed = seed()
    (folder / "lookup.txt").write_text("0 1 1 0")
    assert len({first, markdown_changed, seed()}) == 3
