"""Does `nnbasics report` tell the instructor how the class did and what it got wrong?

One scratch class is graded by the real ``nbgrader autograde``: the reference solution,
the blank release, and two catalogue mistakes (``relu`` as ``abs``, ``softmax`` over the
wrong axis); one more student is on the roster without a submission.
"""

from __future__ import annotations

import base64
import html
import json
import re

import pytest
from nbgrader.api import Gradebook

from nnbasics import report
from nnbasics.course import grade_id, is_test_cell, read_notebook, solution_names, with_answers, write_notebook
from nnbasics.grading import results
from nnbasics.grading.results import ModuleResult, TestResult
from nnbasics.nbgrader_run import nbgrader
from tests.conftest import ROOT, autograde

pytestmark = pytest.mark.slow

A = "ps2_activations"
WRONG = {"relu-abs": ("relu", "wrong_abs.py"), "softmax-axis0": ("softmax", "wrong_axis0.py")}


@pytest.fixture(scope="module")
def graded(course_factory):
    course = course_factory("report", only=[A])
    blank = read_notebook(course / "release" / A / f"{A}.ipynb")
    solved = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    reference = {grade_id(c): c["source"] for c in solved["cells"] if grade_id(c) in solution_names(blank)}
    students = {"reference": with_answers(blank, reference), "blank": blank}
    for student, (name, answer) in WRONG.items():
        wrong = (ROOT / "tests" / "answers" / A / name / answer).read_text()
        students[student] = with_answers(blank, {**reference, name: wrong})
    for student, notebook in students.items():
        write_notebook(notebook, course / "submitted" / student / A / f"{A}.ipynb")
    autograde(course, A)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="nn-basics") as gb:
        gb.update_or_create_student("absent")
    return course


@pytest.fixture(scope="module")
def page(graded) -> str:
    assert report.main(graded, A) == 0
    return (graded / "reports" / f"{A}.html").read_text(encoding="utf-8")


def card(page: str, title: str) -> str:
    found = re.search(rf"<section class=card><h3>{title}</h3>.*?</section>", page)
    assert found, f"no card for {title}"
    return found.group(0)


def failed_wordings(course, student: str, exercise: str) -> list[str]:
    """The ✗ lines the grader wrote into one student's test cell, read straight from the notebook."""
    notebook = json.loads((course / "autograded" / student / A / f"{A}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if grade_id(c) == f"test_{exercise}")
    text = "".join("".join(o.get("text", "")) for o in cell["outputs"])
    return [line.removeprefix("  ✗ ") for line in text.splitlines() if line.startswith("  ✗ ")]


def test_report_is_written_where_the_instructor_expects(graded, page, capsys):
    """Is the page in reports/<assignment>.html, its path printed, and --out honoured?"""
    out = graded / "elsewhere" / "ps2.html"
    assert report.main(graded, A, out=out) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_text(encoding="utf-8") == page


def test_every_exercise_has_a_histogram(page):
    """Does each exercise (and the total) get a card with an embedded PNG histogram?"""
    for title in ("total", "step_function", "sigmoid", "relu", "softmax"):
        image = re.search(r'src="data:image/png;base64,([^"]+)"', card(page, title))
        assert image and base64.b64decode(image.group(1)).startswith(b"\x89PNG"), title


def test_cards_count_full_marks_and_zeros(page):
    """Are full marks and zeros counted per exercise over the 4 graded submissions?"""
    assert "<th>full marks</th><td>3 of 4</td>" in card(page, "step_function")
    assert "<th>zero</th><td>1 of 4</td>" in card(page, "step_function")  # blank
    assert "<th>full marks</th><td>2 of 4</td>" in card(page, "relu")  # reference, softmax-axis0
    assert "<th>zero</th><td>2 of 4</td>" in card(page, "relu")  # blank, relu-abs (|x| passes no relu test)
    assert "<th>mean</th><td>0.75</td>" in card(page, "sigmoid")


def test_counts_submissions_and_names_students_without_a_notebook(page):
    """Does the page say how many submissions were graded, and who has no autograded notebook?"""
    assert "Submissions graded (in the gradebook): <b>4</b>; with an autograded notebook: <b>4</b>" in page
    assert "<li><code>absent</code>: no submission</li>" in page


def test_failed_properties_in_the_students_words(graded, page):
    """Is each property relu-abs failed listed with 2 students (it and blank), 1 not implemented?"""
    wordings = failed_wordings(graded, "relu-abs", "relu")
    assert wordings
    for wording in wordings:
        row = f"<td>{html.escape(wording)}</td><td class=n>2</td><td class=n>1</td>"
        assert row in page, wording


def test_mistakes_rank_above_stubs_and_show_a_message(page):
    """Do tests failed by written code come before those failed only by stubs, with an example message?"""
    mistakes, _, stubs_only = page.partition("<details>")
    assert "<code>softmax</code>" in mistakes and "<code>relu</code>" in mistakes
    assert "<code>sigmoid</code>" not in mistakes and "<code>sigmoid</code>" in stubs_only
    assert "relu 출력: 값이 달라요" in mistakes  # the wording of relu-abs's feedback message


def test_results_are_read_as_data_and_escaped():
    """Are stored results read back whole (multi-line messages, stubs), passed tests skipped, text escaped?"""
    stored = ModuleResult(tests=[
        TestResult("test_a", "<b>bold</b> property", 1.0, False, "기대 array([[1],\n [2]]), 실제 <script>"),
        TestResult("test_b", "passed one", 1.0, True),
        TestResult("test_c", "no message", 1.0, False),
        TestResult("test_d", "stub", 1.0, False, "relu(...): 아직 구현하지 않았어요", raised="NotImplementedError")])
    cell = {"cell_type": "code", "outputs": results.score_outputs(stored, 1.0)}
    failed = report.failed_tests(results.read(json.loads(json.dumps(cell))))
    assert [(t.description, t.message) for t in failed] == [
        ("<b>bold</b> property", "기대 array([[1],\n [2]]), 실제 <script>"), ("no message", ""),
        ("stub", "relu(...): 아직 구현하지 않았어요")]
    assert [t.not_implemented for t in failed] == [False, False, True]
    failure = report.Failure("test_x", failed[0].description, students=1, examples=[failed[0].message])
    table = report.failures_html([failure], autograded=1)
    assert "<script>" not in table and "&lt;b&gt;bold&lt;/b&gt; property" in table


def test_results_survive_autograde_and_generate_feedback(graded):
    """Does every test cell carry its results as data, equal to the feedback text and the score,
    untouched by nbgrader's autograde preprocessors and by generate_feedback?"""
    notebooks = sorted((graded / "autograded").glob(f"*/{A}/{A}.ipynb"))
    before = {path: path.read_bytes() for path in notebooks}
    nbgrader(graded, "generate_feedback", A, "--force")
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}", course_id="nn-basics") as gb:
        for path in notebooks:
            assert path.read_bytes() == before[path], path
            student = path.parent.parent.name
            page = (graded / "feedback" / student / A / f"{A}.html").read_text(encoding="utf-8")
            for cell in json.loads(before[path])["cells"]:
                if not is_test_cell(cell):
                    continue
                result = results.read(cell)
                max_points = float(cell["metadata"]["nbgrader"]["points"])
                text = "".join("".join(o["text"]) for o in cell["outputs"] if o["output_type"] == "stream")
                assert result is not None and text == result.feedback(max_points), (student, grade_id(cell))
                assert gb.find_grade(grade_id(cell), A, A, student).score == result.score(max_points)
                for line in text.splitlines():
                    assert html.escape(line.strip(), quote=False) in page, (student, line)


def test_long_messages_keep_their_start_and_end():
    """Does a long message keep what was compared and the largest difference?"""
    message = "relu 출력: 값이 달라요. " + "0.123456, " * 200 + "가장 큰 차이 1.53"
    short = report.truncate(message)
    assert len(short) < 400 and short.startswith("relu 출력") and short.endswith("가장 큰 차이 1.53")


def test_no_gradebook_is_said_not_created(tmp_path, capsys):
    """Without a gradebook, does the report say so and leave no empty gradebook behind?"""
    assert report.main(tmp_path, A) == 1
    assert "no gradebook" in capsys.readouterr().out
    assert not (tmp_path / "gradebook.db").exists()


def test_links_the_similarity_page_when_there_is_one(graded):
    """Does the class report link reports/<a>-similarity.html once `nnbasics similarity` wrote it?"""
    page = graded / "reports" / f"{A}-similarity.html"
    page.parent.mkdir(exist_ok=True)
    page.write_text("<html></html>", encoding="utf-8")
    try:
        report.write_report(graded, A)
        assert f'<a href="{A}-similarity.html">' in (graded / "reports" / f"{A}.html").read_text(encoding="utf-8")
    finally:
        page.unlink()
