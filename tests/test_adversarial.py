"""Can a student game, spy on, sabotage or crash the grading of a class?

One scratch class of ``ps2_activations`` is graded with one real ``nbgrader autograde``
call (and its feedback made with one ``nbgrader generate_feedback``): an honest student,
a blank one, and one student per attack or fault. The cells each attack adds or changes
are in ``tests/adversarial/<case>.py``; how each submission is built and what it must
score are below. Limits are small (2 s per exercise, 3 s per cell, 1 GiB) to keep the
class quick.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import html
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from nnbasics.course import grade_id, read_notebook, solution_names, with_answers, write_notebook
from nnbasics.gradebook import open_gradebook
from nnbasics.nbgrader_ext.student_content import unmark
from nnbasics.nbgrader_run import nbgrader
from nnbasics.sandbox.client import Sandbox
from tests.conftest import autograde

pytestmark = pytest.mark.slow

A = "ps2_activations"
CASES = Path(__file__).with_name("adversarial")
FULL = {"test_step_function": 1.0, "test_sigmoid": 1.0, "test_relu": 1.0, "test_softmax": 2.0}
ZERO = dict.fromkeys(FULL, 0.0)
LIMITS = """
# tests/test_adversarial.py: small limits, so that every hang costs little
c.SandboxedAutograde.exercise_seconds = 2
c.SandboxedAutograde.cell_seconds = 3
c.SandboxedAutograde.memory_limit = 1 * 2**30
"""
HONEST_MARKER = "honest-student-marker-5a0c9e"  # in the honest student's notebook only
STRAY_NAME = f"adv-{secrets.token_hex(4)}"  # what `stray_process`'s strays call themselves (this run only)


# --------------------------------------------------------------------------- submissions


def case_cells(case: str) -> list[tuple[str, str]]:
    """(where, source) of each cell in ``tests/adversarial/<case>.py`` (percent format)."""
    parts = re.split(r"^# %% *(\S+)\n", (CASES / f"{case}.py").read_text(), flags=re.MULTILINE)
    return [(where, source.strip("\n")) for where, source in zip(parts[1::2], parts[2::2])]


def code_cell(source: str, nbgrader: dict | None = None) -> dict:
    metadata = {"nbgrader": nbgrader} if nbgrader else {}
    return {"cell_type": "code", "execution_count": None, "metadata": metadata, "outputs": [],
            "source": source}


def is_test(cell: dict) -> bool:
    meta = cell["metadata"].get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def with_case(notebook: dict, case: str) -> dict:
    notebook = copy.deepcopy(notebook)
    cells = case_cells(case)
    replaced = {where: source for where, source in cells if where in solution_names(notebook)}
    notebook = with_answers(notebook, replaced)
    imports = next(i for i, c in enumerate(notebook["cells"]) if grade_id(c) == "imports")
    first = [code_cell(source) for where, source in cells if where == "first"]
    notebook["cells"][imports + 1:imports + 1] = first
    notebook["cells"] += [code_cell(source) for where, source in cells if where == "last"]
    unknown = {where for where, _ in cells} - {"first", "last"} - set(replaced)
    assert not unknown, f"{case}: no solution cell named {unknown}"
    return notebook


def tag_every_cell(notebook: dict) -> dict:
    """nbclient skips `skip-execution` cells and shrugs at errors in `raises-exception` ones."""
    for cell in notebook["cells"]:
        cell["metadata"]["tags"] = ["skip-execution", "raises-exception", "remove-output"]
    return notebook


def score_output(points: float) -> dict:
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {"text/plain": repr(points)}}


def edit_test_cells(notebook: dict) -> dict:
    """Test cells that print a score, claim 100 points and come with that score as output."""
    for cell in filter(is_test, notebook["cells"]):
        cell["source"] = "print(100.0)\n100.0"
        cell["metadata"]["nbgrader"]["points"] = 100
        cell["outputs"] = [score_output(100.0)]
    return notebook


def delete_test_cells(notebook: dict) -> dict:
    notebook["cells"] = [c for c in notebook["cells"] if not is_test(c)]
    return notebook


def retype_test_cells(notebook: dict) -> dict:
    """Test cells as markdown and raw cells: nothing of the public checks would run."""
    for i, cell in enumerate(filter(is_test, notebook["cells"])):
        cell["cell_type"] = "raw" if i % 2 else "markdown"
        cell["source"] = "100.0"
        del cell["outputs"], cell["execution_count"]
    return notebook


def forge_grade_cells(notebook: dict) -> dict:
    """Cells of its own that claim to be graded: a second `test_relu` and a bonus cell."""
    def grade_cell(name: str, solution: bool = False) -> dict:
        cell = code_cell("print(100.0)\n100.0", {"grade": True, "solution": solution, "locked": True,
                                                  "points": 100, "grade_id": name, "schema_version": 3})
        cell["outputs"] = [score_output(100.0)]
        return cell

    notebook["cells"] += [grade_cell("test_relu"), grade_cell("test_bonus"), grade_cell("bonus_answer", True)]
    return notebook


def flip_flags(notebook: dict) -> dict:
    """Test cells that say they are answer cells: nbgrader then runs them and gives full
    points unless they raise (and the student's fake `check` never raises)."""
    for cell in filter(is_test, notebook["cells"]):
        cell["metadata"]["nbgrader"]["solution"] = True
    return notebook


def garble_metadata(notebook: dict) -> dict:
    """Cells whose nbgrader metadata nbgrader itself trips over: a solution cell that says
    it is graded, cells without or with a malformed grade_id."""
    relu = next(c for c in notebook["cells"] if grade_id(c) == "relu")
    relu["metadata"]["nbgrader"].update(grade=True, points=100)
    notebook["cells"] += [code_cell("x = 1", {"grade": True, "points": 100}),
                          code_cell("y = 2", "not a dict"),  # type: ignore[arg-type]
                          code_cell("z = 3", {"grade_id": 5, "solution": True})]
    return notebook


def prefill_scores(notebook: dict) -> dict:
    """Test cells handed in with a full score already as their output."""
    for cell in filter(is_test, notebook["cells"]):
        cell["outputs"] = [score_output(cell["metadata"]["nbgrader"]["points"])]
    return notebook


def relu_as_markdown(notebook: dict) -> dict:
    cell = next(c for c in notebook["cells"] if grade_id(c) == "relu")
    cell["cell_type"] = "markdown"
    del cell["outputs"], cell["execution_count"]
    return notebook


def mark_honest(notebook: dict) -> dict:
    notebook["cells"].append({"cell_type": "markdown", "metadata": {}, "source": f"<!-- {HONEST_MARKER} -->"})
    return notebook


def beside_files(marker_dir: Path) -> dict[str, str]:
    """Files dropped beside the notebook. If the grading process ever imported or read
    one, it would leave a file in ``marker_dir`` (the sandbox could not write there)."""
    def payload(name: str) -> str:
        return (f"import pathlib\npathlib.Path({str(marker_dir / name)!r}).write_text('imported')\n"
                "import os\nos._exit(0)\n")

    files = {name: payload(name) for name in ("conftest.py", "pytest.py", "numpy.py", "sitecustomize.py",
                                               "usercustomize.py", "selfcheck.py", "_pytest.py")}
    files["test_relu.py"] = payload("test_relu.py") + "def test_relu_free():\n    pass\n"
    files["pytest.ini"] = f"[pytest]\naddopts = -p no:nothing --confcutdir={marker_dir}\n"
    files["numpy.pth"] = f"import pathlib; pathlib.Path({str(marker_dir / 'numpy.pth')!r}).write_text('x')\n"
    return files


def symlinks_beside(folder: Path) -> None:
    """Symbolic links beside the notebook to what no student may read (absolute and relative)."""
    course = folder.parents[2]
    targets = {"link_grader": course / "grader_tests" / A / "test_relu.py",
               "link_source": course / "source" / A / f"{A}.ipynb",
               "link_secret": course / ".grading_secret",
               "link_other": course / "submitted" / "reference" / A / f"{A}.ipynb"}
    for name, target in targets.items():
        (folder / name).symlink_to(target)
    (folder / "link_relative").symlink_to(Path("..", "..", "..", "grader_tests", A, "test_softmax.py"))


def link_the_notebook(folder: Path) -> None:
    """The notebook itself: a symbolic link to the source notebook (the reference solution)."""
    (folder / f"{A}.ipynb").symlink_to(folder.parents[2] / "source" / A / f"{A}.ipynb")


def stray_name(marker_dir: Path) -> dict[str, str]:
    return {"stray_name.txt": STRAY_NAME}


@dataclasses.dataclass
class Submission:
    base: str                                   # "blank" (the release), "solved" (reference answers), "none"
    case: str | None = None                     # tests/adversarial/<case>.py
    edit: Callable[[dict], dict] | None = None  # a change to the notebook as a whole
    files: Callable[[Path], dict[str, str]] | None = None  # files beside the notebook
    text: str | None = None                     # the notebook file's text instead (not a notebook)
    links: Callable[[Path], None] | None = None  # makes symbolic links in the submission folder


STUDENTS = {
    "reference": Submission("solved", edit=mark_honest),
    "blank": Submission("blank"),
    # (a) unearned points
    "patch_numpy": Submission("blank", "patch_numpy"),
    "fake_pytest": Submission("blank", "fake_pytest"),
    "redefine_helpers": Submission("blank", "redefine_helpers"),
    "exception_hooks": Submission("blank", "exception_hooks"),
    "printed_scores": Submission("blank", "printed_scores", edit=prefill_scores),
    "tags_blank": Submission("blank", edit=tag_every_cell),
    "tags_solved": Submission("solved", edit=tag_every_cell),
    "edited_tests": Submission("blank", edit=edit_test_cells),
    "deleted_tests": Submission("solved", edit=delete_test_cells),
    "retyped_tests": Submission("blank", edit=retype_test_cells),
    "forged_grade_cells": Submission("blank", edit=forge_grade_cells),
    "hard_coded": Submission("blank", "hard_coded"),
    "flipped_flags": Submission("blank", "redefine_helpers", edit=flip_flags),
    "flipped_flags_public": Submission("blank", "hard_coded", edit=flip_flags),
    "garbled_metadata": Submission("blank", edit=garble_metadata),
    "files_blank": Submission("blank", files=beside_files),
    "files_solved": Submission("solved", files=beside_files),
    "protocol_forgery": Submission("solved", "protocol_forgery"),
    "huge_names": Submission("blank", "huge_names"),
    "forged_server": Submission("solved", "forged_server"),
    # (b) seeing what is hidden; named to be graded after `reference`
    "snoop": Submission("blank", "snoop"),
    "symlinks": Submission("blank", "symlinks", links=symlinks_beside),
    "symlinked_notebook": Submission("none", links=link_the_notebook),
    # (c) hurting others; named to be graded after `reference`
    "vandal": Submission("solved", "vandal"),
    "stray_process": Submission("solved", "stray_process", files=stray_name),
    "kill_all": Submission("solved", "kill_all"),
    "spawn_flood": Submission("solved", "spawn_flood"),
    # (d) broken code
    "loop_top_level": Submission("solved", "loop_top_level"),
    "loop_in_relu": Submission("solved", "loop_in_relu"),
    "memory_blowup": Submission("solved", "memory_blowup"),
    "os_exit": Submission("solved", "os_exit"),
    "output_flood": Submission("solved", "output_flood"),
    "stderr_noise": Submission("solved", "stderr_noise"),
    "exits": Submission("solved", "exits"),
    "not_json": Submission("blank", text='{"cells": [{"cell_type": "code", "source": "oops'),
    "relu_markdown": Submission("solved", edit=relu_as_markdown),
}


def build(submission: Submission, blank: dict, solved: dict) -> dict:
    notebook = copy.deepcopy(solved if submission.base == "solved" else blank)
    if submission.case:
        notebook = with_case(notebook, submission.case)
    if submission.edit:
        notebook = submission.edit(notebook)
    return notebook


# --------------------------------------------------------------------------- the graded class


def fingerprint(paths: list[Path]) -> dict[str, str]:
    """Path → hash of its content, mode, mtime and extended attributes (every file and folder)."""
    prints = {}
    for top in paths:
        for path in [top, *sorted(top.rglob("*"))] if top.is_dir() else [top]:
            info = path.lstat()
            digest = hashlib.sha256(f"{info.st_mode:o} {info.st_mtime_ns} {sorted(os.listxattr(path))}".encode())
            if path.is_file():
                digest.update(path.read_bytes())
            prints[str(path)] = digest.hexdigest()
    return prints


def protected(course: Path) -> list[Path]:
    return [course / name for name in ("grader_tests", "source", "solutions", "release", "submitted",
                                       "nbgrader_config.py", ".grading_secret")]


@dataclasses.dataclass
class Graded:
    course: Path
    scores: dict[str, dict[str, float | None]]
    before: dict[str, str]
    after: dict[str, str]
    markers: Path
    secret: str
    confinement: dict


@pytest.fixture(scope="module")
def graded(course_factory, tmp_path_factory) -> Graded:
    course = course_factory("adversarial", only=[A])
    with open(course / "nbgrader_config.py", "a") as config:
        config.write(LIMITS)
    secret = "adversarial-secret-" + secrets.token_hex(8)
    (course / ".grading_secret").write_text(secret)
    markers = tmp_path_factory.mktemp("adversarial-markers")
    blank = read_notebook(course / "release" / A / f"{A}.ipynb")
    solutions = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    solved = with_answers(blank, {grade_id(c): c["source"] for c in solutions["cells"]
                                  if grade_id(c) in solution_names(blank)})
    for student, submission in STUDENTS.items():
        folder = course / "submitted" / student / A
        folder.mkdir(parents=True)
        if submission.text is not None:
            (folder / f"{A}.ipynb").write_text(submission.text)
        elif submission.base != "none":
            write_notebook(build(submission, blank, solved), folder / f"{A}.ipynb")
        if submission.files:
            for name, text in submission.files(markers).items():
                (folder / name).write_text(text)
        if submission.links:
            submission.links(folder)
    with Sandbox(str(tmp_path_factory.mktemp("adversarial-probe"))) as probe:
        confinement = probe.status
    before = fingerprint(protected(course))
    autograde(course, A)
    nbgrader(course, "generate_feedback", A, "--force", log=course / "nbgrader.log", check=False)
    with open_gradebook(course) as gb:  # auto_score: None where nbgrader recorded nothing
        scores = {s.student.id: {g.name: g.auto_score for nb in s.notebooks for g in nb.grades}
                  for s in gb.assignment_submissions(A)}
    return Graded(course, scores, before, fingerprint(protected(course)), markers, secret, confinement)


def requires(graded: Graded, *what: str) -> None:
    weak = {k: v for k, v in graded.confinement.items() if k in what and v != "ok"}
    if weak:
        pytest.skip(f"the sandbox is not confined on this machine: {weak}")


def autograded_text(graded: Graded, student: str) -> str:
    """Everything a student's autograded notebook shows: sources and outputs, decoded."""
    notebook = read_notebook(graded.course / "autograded" / student / A / f"{A}.ipynb")
    return "\n".join(_cell_text(c) for c in notebook["cells"])


def _joined(value) -> str:
    """A notebook's multi-line string, saved as one string or as a list of lines."""
    return "".join(value) if isinstance(value, list) else str(value)


def _cell_text(cell: dict) -> str:
    parts = [_joined(cell.get("source", ""))]
    for output in cell.get("outputs", []):
        parts += [_joined(output.get("text", "")), output.get("evalue", ""), *output.get("traceback", []),
                  *map(_joined, output.get("data", {}).values())]
    return "\n".join(parts)


def feedback_text(graded: Graded, student: str) -> str:
    """The feedback page's text, and every other file nbgrader put beside it."""
    folder = graded.course / "feedback" / student / A
    page = html.unescape(re.sub(r"<[^>]+>", "", (folder / f"{A}.html").read_text()))
    others = [p.read_text(errors="replace") for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".html"]
    return "\n".join([page, *others])


def output_of_first_cell(graded: Graded, student: str) -> str:
    """The stdout of the cell a case puts first (right after the imports cell), less the
    mark that sets every line of it apart from the grader's (student_content.py)."""
    notebook = read_notebook(graded.course / "autograded" / student / A / f"{A}.ipynb")
    imports = next(i for i, c in enumerate(notebook["cells"]) if grade_id(c) == "imports")
    return unmark("".join(_joined(o.get("text", "")) for o in notebook["cells"][imports + 1]["outputs"]))


# --------------------------------------------------------------------------- the whole class


def test_every_submission_has_every_exercise_scored(graded):
    """Does every student get a gradebook row with every exercise scored, whatever they handed in?"""
    assert set(graded.scores) == set(STUDENTS)
    unscored = {s: [g for g, v in got.items() if v is None] for s, got in graded.scores.items()
                if set(got) != set(FULL) or None in got.values()}
    assert not unscored


def test_the_honest_student_gets_full_marks(graded):
    """Does the reference solution, graded among attackers, still get full marks?"""
    assert graded.scores["reference"] == FULL


def test_the_blank_release_scores_zero(graded):
    assert graded.scores["blank"] == ZERO


def test_course_files_and_submissions_are_unchanged(graded):
    """Are grader_tests/, source/, solutions/, release/, submitted/, the config and the
    secret byte-identical (content, mode, mtime, xattrs) after grading the whole class?"""
    changed = sorted(p for p in graded.before.keys() | graded.after.keys()
                     if graded.before.get(p) != graded.after.get(p))
    assert not changed


def test_feedback_shows_no_grader_code_reference_solution_secret_or_other_student(graded):
    """Does any autograded notebook or feedback folder show a line of a hidden grader, a
    line of the reference solution, the grading secret or another student's work, that the
    student did not hand in themselves?"""
    course = graded.course
    grader_lines = {line.strip() for path in (course / "grader_tests" / A).glob("*.py")
                    for line in path.read_text().splitlines()}
    source = read_notebook(course / "source" / A / f"{A}.ipynb")
    solution_lines = {line.strip() for cell in source["cells"] if cell["metadata"].get("nbgrader", {}).get("solution")
                      for line in "".join(cell["source"]).split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
                      .splitlines()}
    public = "\n".join(path.read_text() for path in (course / "release" / A).iterdir())  # what students get
    secrets_ = {line for line in grader_lines | solution_lines if line not in public
                and len(line) >= 20 and not line.startswith('"""')}  # a docstring's first line is the feedback
    secrets_ |= {graded.secret, HONEST_MARKER}
    assert len(secrets_) > 20  # there is something to look for
    leaks = {}
    for student in STUDENTS:
        handed_in = course / "submitted" / student / A / f"{A}.ipynb"
        own = "" if handed_in.is_symlink() else handed_in.read_text(errors="replace")
        shown = autograded_text(graded, student) + feedback_text(graded, student)
        found = [s for s in secrets_ if s in shown and s not in own]
        if found:
            leaks[student] = found
    assert not leaks


def test_feedback_stays_small(graded):
    """Do output floods, huge names and forged messages leave every autograded notebook and
    feedback page small?"""
    blank_page = (graded.course / "feedback" / "blank" / A / f"{A}.html").stat().st_size
    sizes = {s: ((graded.course / "autograded" / s / A / f"{A}.ipynb").stat().st_size,
                 (graded.course / "feedback" / s / A / f"{A}.html").stat().st_size) for s in STUDENTS}
    too_big = {s: size for s, size in sizes.items() if size[0] > 200_000 or size[1] > blank_page + 200_000}
    assert not too_big


# --------------------------------------------------------------------------- (a) unearned points


@pytest.mark.parametrize("student", ["patch_numpy", "fake_pytest", "redefine_helpers", "exception_hooks",
                                     "printed_scores", "tags_blank", "edited_tests", "retyped_tests",
                                     "forged_grade_cells", "flipped_flags", "garbled_metadata", "files_blank"])
def test_an_attack_on_a_blank_notebook_scores_zero(graded, student):
    """Does patching numpy or pytest, redefining the checks' helpers, installing hooks,
    printing scores, tagging, editing, retyping, forging or re-flagging graded cells,
    garbling their metadata, or dropping files beside the notebook earn anything for a
    blank notebook?"""
    assert graded.scores[student] == ZERO


def test_test_cells_flagged_as_answers_do_not_get_full_marks(graded):
    """nbgrader gives an answer cell that runs without error full points: do test cells
    flagged as answer cells, with the published answers hard-coded (so the public checks
    they hold pass), get them?"""
    got = graded.scores["flipped_flags_public"]
    assert all(got[name] < FULL[name] for name in FULL), got


@pytest.mark.parametrize("student", ["tags_solved", "deleted_tests", "files_solved"])
def test_an_attack_on_a_solved_notebook_scores_exactly_full_marks(graded, student):
    """Tagged cells, deleted test cells or files beside the notebook: the right answers get
    their points, and not one more."""
    assert graded.scores[student] == FULL


def test_files_beside_the_notebook_are_never_imported_by_the_grading(graded):
    """Is any dropped conftest.py, pytest.py, numpy.py, sitecustomize.py, ... imported (or a
    dropped .pth run) by a process outside the sandbox?"""
    assert sorted(p.name for p in graded.markers.iterdir()) == []


def test_hard_coded_published_answers_do_not_get_full_marks(graded):
    """Does a notebook that returns the published known answers (EXERCISES.md) lose points
    on every exercise?"""
    got = graded.scores["hard_coded"]
    assert all(got[name] < FULL[name] for name in FULL), got


def test_huge_names_in_answers_earn_nothing(graded):
    """Objects and exceptions whose class names are a megabyte long (their size in the
    feedback: `test_feedback_stays_small`)."""
    got = graded.scores["huge_names"]
    assert all(got[name] < FULL[name] for name in FULL), got


@pytest.mark.xfail(strict=True, reason="the protocol's server runs in the student's process: code that replaces "
                                       "it can fake what student.get() reports about values on that side")
def test_a_forged_protocol_server_cannot_hide_an_in_place_change(graded):
    """A relu that changes its input, with `student.get` made to report every value as it
    was put: does relu still lose its 'leaves the input unchanged' point?"""
    assert graded.scores["forged_server"]["test_relu"] < FULL["test_relu"]


def test_forged_protocol_messages_lose_only_their_own_cells(graded):
    """Does student code writing its own messages to the grading process's socket crash
    the submission's grading, or cost anything beyond the forging cells themselves?"""
    assert graded.scores["protocol_forgery"] == FULL
    notebook = read_notebook(graded.course / "autograded" / "protocol_forgery" / A / f"{A}.ipynb")
    forgers = notebook["cells"][-6:]  # every cell of the case but the first
    # JSON nested too deeply cannot even be read as a message: the socket counts as broken
    expected = ["ProtocolError", "WorkerDied", "ProtocolError", "ProtocolError", "ProtocolError", "ProtocolError"]
    assert [[o.get("ename") for o in c["outputs"]] for c in forgers] == [[e] for e in expected]
    outputs = [o for c in notebook["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    # figures the notebook's own plot cells draw are the only rich outputs, and only as PNG
    assert all(o["output_type"] in ("stream", "execute_result", "error") or (
        o["output_type"] == "display_data" and set(o["data"]) <= {"image/png", "text/plain"}) for o in outputs)


# --------------------------------------------------------------------------- (b) seeing what is hidden


def test_student_code_cannot_read_the_course(graded):
    """Does every read of graders, sources, solutions, gradebook, secret, config, another
    student's work and the project's own graders fail, and every listing of their folders?"""
    requires(graded, "files")
    lines = output_of_first_cell(graded, "snoop").splitlines()
    targets = [line for line in lines if not line.startswith(" ")]
    assert len(targets) == 14 and all(re.search(r" <(PermissionError|FileNotFoundError)>$", t) for t in targets), \
        lines[:20]
    # and while a grader calls relu, which would smuggle what it reads out in an exception
    notebook = read_notebook(graded.course / "autograded" / "snoop" / A / f"{A}.ipynb")
    relu = _joined(next(c for c in notebook["cells"] if grade_id(c) == "test_relu")["outputs"][0]["text"])
    reasons = {line.split("ValueError: ")[-1] for line in relu.splitlines() if line.strip().startswith("→")}
    assert reasons and reasons <= {"could not read: PermissionError", "could not read: FileNotFoundError"}


def test_snooping_earns_nothing(graded):
    assert graded.scores["snoop"] == ZERO


def test_symbolic_links_beside_the_notebook_are_not_followed(graded):
    """Links to a grader, the source notebook, the secret and another student's notebook,
    handed in beside the notebook: nbgrader copies what they point to into autograded/
    and then feedback/. Are those copies gone before student code runs or feedback is made?"""
    copies = [p.relative_to(graded.course) for step in ("autograded", "feedback")
              for p in (graded.course / step / "symlinks" / A).glob("link_*")]
    assert copies == []
    assert graded.scores["symlinks"] == ZERO


def test_a_notebook_that_is_a_symbolic_link_is_graded_as_blank(graded):
    """A notebook handed in as a link to the source notebook: graded as the blank release
    (every exercise 0, the reason in its first cell), not as the reference solution."""
    assert graded.scores["symlinked_notebook"] == ZERO
    assert "symbolic link" in autograded_text(graded, "symlinked_notebook")


# --------------------------------------------------------------------------- (c) hurting others


def test_student_code_cannot_change_the_course(graded):
    """Does every attempt to write, delete, rename, link, chmod, touch or tag course files
    fail, while its own scratch folder stays writable (up to the file-size limit)?"""
    requires(graded, "files", "mounts")
    lines = dict(line.rsplit(" ", 1) for line in output_of_first_cell(graded, "vandal").splitlines())
    assert lines.pop("write to its scratch folder") == "DONE"
    assert lines.pop("fill the disk").startswith("<")  # over RLIMIT_FSIZE
    assert lines.pop("fill the disk file by file") == "<OSError>"  # over the scratch tmpfs's size
    done = [what for what, outcome in lines.items() if outcome == "DONE"]
    assert len(lines) == 19 and not done


def test_vandalism_costs_the_vandal_nothing_else(graded):
    """Its correct answers still count; its failed attempts change nothing."""
    assert graded.scores["vandal"] == FULL


def test_no_student_process_outlives_the_grading(graded):
    """Are processes that student code left behind (new sessions, double forks, one that
    no longer dies with its parent and hangs) all gone once grading is over?"""
    requires(graded, "processes")
    assert output_of_first_cell(graded, "stray_process") == "left behind\n"  # they were started

    def strays() -> list[str]:
        found = []
        for comm in Path("/proc").glob("[0-9]*/comm"):
            try:
                if comm.read_text().strip() == STRAY_NAME:
                    found.append(comm.parent.name)
            except OSError:
                pass
        return found

    deadline = time.monotonic() + 5
    while strays() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert strays() == []
    assert graded.scores["stray_process"] == FULL


def test_a_flood_of_processes_stops_at_the_cap_and_costs_its_author_nothing_else(graded):
    """Processes started until something says no: the cap (128, processes and threads)
    says no long before the machine runs out, and the rest of the notebook is graded."""
    requires(graded, "process count")
    error, started = output_of_first_cell(graded, "spawn_flood").split(" after ")
    assert error == "BlockingIOError" and int(started) < 128
    assert graded.scores["spawn_flood"] == FULL


def test_killing_every_process_in_reach_costs_only_the_killing_exercise(graded):
    """A cell that kills every process it can reach, and a relu that kills its own process
    group: the rest of the class is graded (see the other tests) and only relu is lost."""
    requires(graded, "processes")
    assert "still here" in output_of_first_cell(graded, "kill_all")
    assert graded.scores["kill_all"] == {**FULL, "test_relu": 0.0}


# --------------------------------------------------------------------------- (d) broken code


def test_an_infinite_loop_at_the_top_level_costs_nothing_else(graded):
    """The hanging cell is stopped; the cells after it still define every function."""
    assert graded.scores["loop_top_level"] == FULL


def test_an_infinite_loop_in_relu_costs_only_relu(graded):
    assert graded.scores["loop_in_relu"] == {**FULL, "test_relu": 0.0}


def test_a_memory_blowup_costs_only_its_own_exercise(graded):
    """A top-level cell that eats memory costs nothing; a softmax that does loses softmax."""
    assert graded.scores["memory_blowup"] == {**FULL, "test_softmax": 0.0}


def test_os_exit_costs_only_its_own_exercise(graded):
    """os._exit at the top level costs nothing; inside sigmoid it loses sigmoid."""
    assert graded.scores["os_exit"] == {**FULL, "test_sigmoid": 0.0}


def test_sys_exit_costs_only_its_own_exercise(graded):
    """SystemExit/KeyboardInterrupt at the top level cost nothing; in step_function, step_function."""
    assert graded.scores["exits"] == {**FULL, "test_step_function": 0.0}


def test_an_output_flood_costs_nothing_and_is_cut(graded):
    """Millions of lines (7 MB) printed by one cell: full marks, and the cell shows at
    most `output_chars` (10 000) of them."""
    assert graded.scores["output_flood"] == FULL
    assert 0 < len(output_of_first_cell(graded, "output_flood")) <= 10_200


def test_warnings_and_stderr_from_correct_code_cost_nothing(graded):
    assert graded.scores["stderr_noise"] == FULL


def test_a_file_that_is_not_a_notebook_scores_zero(graded):
    assert graded.scores["not_json"] == ZERO


def test_a_solution_cell_turned_into_markdown(graded):
    """nbgrader turns the cell back into code (the cell type is restored from the source
    notebook), so the answer written in it counts."""
    assert graded.scores["relu_markdown"] == FULL
