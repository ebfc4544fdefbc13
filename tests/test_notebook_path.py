"""Does the student's path through a notebook work as in JupyterLab: Run All reaches every
exercise, a check never passes with nothing checked, Validate says why, the notebook alone
says what to do, and the feedback names the exercises?

Run All is nbclient with ``allow_errors=False``: like JupyterLab, it stops at the first cell
that raises (the kernel aborts the cells queued after it).
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from nnbasics.course import (
    answer_files,
    assignments,
    grade_id,
    is_test_cell,
    read_notebook,
    solution_names,
    with_answers,
    write_notebook,
)
from nnbasics.release_kit import selfcheck_wording as wording
from nnbasics.release_kit.selfcheck import check
from tests.conftest import CATALOGUE, ROOT, autograde

ASSIGNMENTS = assignments(ROOT)
TEST_CELL = """# {name}의 공개 검사(public checks): 이 셀을 실행해 스스로 확인하세요.
# 점수는 제출 후 숨겨진 채점 검사(hidden grader tests)로 따로 매겨집니다.
import sys
try:
    from selfcheck import check
except ImportError:
    print("{missing}", file=sys.stderr)
else:
    check("{name}", globals())"""


def source_of(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def checks_cells(notebook):
    return [c for c in notebook["cells"] if is_test_cell(c)]


# --------------------------------------------------------------------------- the notebooks as written


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_check_cell_is_the_documented_source_and_the_first_cell_says_what_the_kit_needs(assignment):
    """Is every test cell exactly docs/authoring.md's source, and does the first cell name the folder?"""
    notebook = read_notebook(ROOT / "source" / assignment / f"{assignment}.ipynb")
    for cell in checks_cells(notebook):
        name = grade_id(cell).removeprefix("test_")
        assert source_of(cell) == TEST_CELL.format(name=name, missing=wording.KIT_MISSING), grade_id(cell)
    first = source_of(notebook["cells"][0])
    assert "같은 폴더" in first and "public_checks.py" in first and "Success!" in first
    authoring = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert wording.KIT_MISSING in authoring


def run_all(path: Path) -> nbformat.NotebookNode:
    """Run All in a fresh kernel in the notebook's folder; raises where JupyterLab would stop."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def stream(cell, name: str) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == name)


@pytest.fixture
def folder(tmp_path):
    def make(assignment: str, kind: str = "release") -> Path:
        copy = tmp_path / kind / assignment
        shutil.copytree(ROOT / kind / assignment, copy)
        return copy / f"{assignment}.ipynb"
    return make


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_run_all_on_the_blank_release_reaches_every_check_and_each_fails_on_stderr(folder, assignment):
    """Blank: Run All reaches the end; every check cell shows its own ✗ lines, on stderr (Validate's failure)."""
    notebook = run_all(folder(assignment))
    for cell in checks_cells(notebook):
        name = grade_id(cell).removeprefix("test_")
        err = stream(cell, "stderr")
        assert err.startswith(wording.CHECKS_HEADER.format(name=name)) and "✗" in err and "✓" not in err, err
        assert not [o for o in cell.outputs if o.output_type in ("error", "execute_result")]
    assert not [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_run_all_on_a_half_done_notebook_fails_only_the_unfinished_exercises(folder, assignment, tmp_path):
    """Half done (every other exercise left as released): each check cell says its own verdict."""
    path = folder(assignment, "solutions")
    solved = read_notebook(path)
    blank = {grade_id(c): source_of(c) for c in read_notebook(ROOT / "release" / assignment / path.name)["cells"]}
    names = [grade_id(c) for c in solved["cells"] if c["metadata"].get("nbgrader", {}).get("solution")]
    unfinished = set(names[1::2])
    for cell in solved["cells"]:
        cell["outputs"] = [] if cell["cell_type"] == "code" else cell.get("outputs")
        if grade_id(cell) in unfinished:
            cell["source"] = blank[grade_id(cell)]
    solved["cells"] = [{k: v for k, v in c.items() if not (k == "outputs" and v is None)} for c in solved["cells"]]
    write_notebook(solved, path)
    notebook = run_all(path)
    for cell in checks_cells(notebook):
        name = grade_id(cell).removeprefix("test_")
        if name in unfinished:
            assert "아직 구현하지 않았어요" in stream(cell, "stderr"), name
        else:
            assert stream(cell, "stderr") == "" and wording.ALL_PASSED.format(name=name) in stream(cell, "stdout")


def wrong_answer_runs(assignment: str) -> list[dict[str, Path]]:
    """Run k puts every exercise's k-th wrong catalogue answer (cycling): each wrong answer is run once."""
    notebook = read_notebook(ROOT / "solutions" / assignment / f"{assignment}.ipynb")
    wrong = {name: answer_files(CATALOGUE, assignment, name, "wrong") for name in solution_names(notebook)}
    runs = max(len(files) for files in wrong.values())
    return [{name: files[k % len(files)] for name, files in wrong.items() if files} for k in range(runs)]


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_run_all_with_wrong_answers_reaches_the_end(folder, assignment):
    """Wrong answers (each of the catalogue's once): pictures and demos say what went wrong, Run All goes on."""
    path = folder(assignment, "solutions")
    solved = read_notebook(path)
    for run in wrong_answer_runs(assignment):
        answers = {name: file.read_text(encoding="utf-8") for name, file in run.items()}
        write_notebook(with_answers(solved, answers), path)
        try:
            notebook = run_all(path)
        except CellExecutionError as error:
            pytest.fail(f"Run All stopped with {sorted(f.name for f in run.values())}:\n{error}")
        assert not [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_notebook_ends_with_an_ungraded_why_question_and_a_cell_to_answer_in(assignment):
    """Does the notebook end with docs/why_questions.md's two plain markdown cells?"""
    *_, question, answer = read_notebook(ROOT / "source" / assignment / f"{assignment}.ipynb")["cells"]
    for cell in (question, answer):
        assert cell["cell_type"] == "markdown" and "nbgrader" not in cell["metadata"]
    assert source_of(question).startswith("## 생각해 볼 문제\n")
    assert any(why in source_of(question) for why in ("왜", "까닭", "이유"))  # it asks why
    assert source_of(question).endswith("채점하지 않는 문제입니다. 아래 셀에 두세 문장으로 답해 보세요.")
    assert source_of(answer) == "*(여기에 답을 적으세요.)*"


@pytest.mark.slow
def test_validate_lists_every_failing_check_cell_with_its_reasons_and_passes_the_solution(folder):
    """`nbgrader validate` (what Validate runs): blank → every check cell with its ✗ lines; solved → Success."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    blank = folder("ps2_activations")
    done = subprocess.run(["nbgrader", "validate", blank.name], cwd=blank.parent, env=env, capture_output=True,
                          text=True, timeout=300)
    assert "VALIDATION FAILED ON 4 CELL(S)" in done.stdout, done.stdout + done.stderr
    assert done.stdout.count("아직 구현하지 않았어요 (NotImplementedError)") == 12  # every public check, once
    assert "Traceback" not in done.stdout and "selfcheck.py" not in done.stdout.replace("(selfcheck.py 등)", "")
    solved = folder("ps2_activations", "solutions")
    done = subprocess.run(["nbgrader", "validate", solved.name], cwd=solved.parent, env=env, capture_output=True,
                          text=True, timeout=300)
    assert "Success! Your notebook passes all the tests." in done.stdout, done.stdout + done.stderr


# --------------------------------------------------------------------------- one check cell


def test_a_check_whose_exercise_is_not_defined_fails_and_says_to_run_its_cell(capsys):
    """After a kernel restart: no pass with nothing checked, and what to do."""
    import numpy as np

    check("softmax", {"np": np}, ROOT / "release" / "ps2_activations")
    out, err = capsys.readouterr()
    assert out == "" and "먼저 위의 `softmax` 셀을 실행하세요" in err and "통과" not in err.split("\n")[-2]


def test_checks_are_chosen_by_the_exercise_name_not_by_what_the_notebook_defined(capsys):
    """A helper named like a longer exercise (relu_scalar) does not take relu's checks away."""
    import numpy as np

    namespace = {"np": np, "relu": lambda x: np.maximum(0, x), "relu_scalar": 1}
    check("relu", namespace, ROOT / "release" / "ps2_activations")
    out, err = capsys.readouterr()
    assert err == "" and "3/3 통과" in out and "숨겨진 채점 검사" in out


def test_a_failure_carries_expected_and_got_without_a_traceback(capsys):
    import numpy as np

    check("softmax", {"np": np, "softmax": lambda a: np.exp(a) / np.exp(a).sum()}, ROOT / "release" / "ps2_activations")
    out, err = capsys.readouterr()
    assert out == "" and "기대" in err and "실제" in err and "Traceback" not in err
    assert wording.CHECKS_FAILED.format(name="softmax", failed=2, total=4) in err


def test_a_notebook_alone_says_in_one_line_what_to_do(tmp_path):
    """Uploaded without its folder: every check cell prints the one line, on stderr, and nothing else."""
    cell = TEST_CELL.format(name="softmax", missing=wording.KIT_MISSING)
    done = subprocess.run([sys.executable, "-I", "-c", cell], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout == "" and done.stderr == wording.KIT_MISSING + "\n"


# --------------------------------------------------------------------------- graded


@pytest.mark.slow
def test_a_graded_submission_keeps_its_figures_and_its_feedback_names_the_exercises(course):
    """Figures in autograded/ (Formgrader) and in the feedback; the feedback's contents name each test cell."""
    a = "ps2_activations"
    submitted = course / "submitted" / "figures" / a
    submitted.mkdir(parents=True)
    shutil.copy(course / "solutions" / a / f"{a}.ipynb", submitted)
    autograde(course, a)
    graded = json.loads((course / "autograded" / "figures" / a / f"{a}.ipynb").read_text(encoding="utf-8"))
    figures = [o for c in graded["cells"] if c["cell_type"] == "code" for o in c["outputs"]
               if "image/png" in o.get("data", {})]
    assert len(figures) == 1  # the three activation functions, one figure
    subprocess.run([Path(sys.executable).parent / "nbgrader", "generate_feedback", a, "--student", "figures",
                    "--force"], cwd=course, capture_output=True, check=True, timeout=300,
                   env={**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"})
    html = (course / "feedback" / "figures" / a / f"{a}.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 1
    assert ">Test cell<" not in html
    for name in ("step_function", "sigmoid", "relu", "softmax"):
        assert f'<a href="#test_{name}">{name} (test cell)</a>' in html


def test_the_feedback_template_is_nbgraders_but_for_the_test_cell_label():
    """An nbgrader upgrade that changes its template shows here."""
    import nbgrader

    theirs = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates" / "feedback"
    ours = ROOT / "nnbasics" / "feedback_templates" / "feedback"
    assert filecmp.cmp(theirs / "conf.json", ours / "conf.json", shallow=False)
    text = (ours / "index.html.j2").read_text(encoding="utf-8")
    body = text[text.index("{%- extends"):]
    original = body.replace('{{ cell.metadata.nbgrader.grade_id | replace("test_", "", 1) }} (test cell)', "Test cell")
    assert original == (theirs / "index.html.j2").read_text(encoding="utf-8")


def test_nbgrader_says_nothing_about_a_relative_root(course):
    done = subprocess.run([Path(sys.executable).parent / "nbgrader", "db", "student", "list"], cwd=course,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"})
    assert "is not absolute" not in done.stdout + done.stderr
