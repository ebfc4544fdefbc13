"""Does `nnbasics similarity` put copies on top and leave independent work and blanks below?

One scratch class of ps6_backprop (no grading needed; submissions are read as data):

- ``reference``, ``indep_1``, ``indep_2``: independently written correct answers (the reference
  solution, and the catalogue's tests/answers/ps6_backprop/<name>/right_*.py);
- ``copy``: the reference with every local name renamed and the comments removed;
- ``<img src=x onerror=alert(1)>``: another such copy, with markup in its code (hostile input);
- ``partial``: its own (wrong) answers, except ``TwoLayerNet``, a disguised copy of indep_1's;
- ``blank_1``, ``blank_2``: the release as it was given;
- five submissions that cannot be compared: not JSON, a linked notebook, a linked student folder,
  no solution cells, too large.
"""

from __future__ import annotations

import csv
import html
import itertools

import pytest
from copydetect.detector import compare_files

from nnbasics import cli, similarity
from nnbasics.course import answer_files, grade_id, read_notebook, solution_names, with_answers, write_notebook
from nnbasics.similarity.page import marked
from nnbasics.similarity.scoring import fingerprint, kgram_hashes, shared_characters
from nnbasics.similarity.submissions import NOTEBOOK_BYTES, cell_source
from nnbasics.similarity.table import spreadsheet_safe
from tests.conftest import CATALOGUE
from tests.similarity_disguise import disguise

A = "ps6_backprop"
HOSTILE = "<img src=x onerror=alert(1)>"
MARKUP = '"</pre><script>alert(1)</script>"'
COPIES = {frozenset(p) for p in [("reference", "copy"), ("reference", HOSTILE), ("copy", HOSTILE),
                                  ("indep_1", "partial")]}
INDEPENDENT = ["reference", "indep_1", "indep_2"]
BLANKS = ["blank_1", "blank_2"]


def right(name: str, index: int) -> str:
    return answer_files(CATALOGUE, A, name, "right")[index].read_text()


def wrong(name: str, index: int) -> str:
    return answer_files(CATALOGUE, A, name, "wrong")[index].read_text()


@pytest.fixture(scope="module")
def course(course_factory, tmp_path_factory):
    course = course_factory("similarity", only=[A])
    blank = read_notebook(course / "release" / A / f"{A}.ipynb")
    solved = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    names = solution_names(blank)
    reference = {grade_id(c): cell_source(c) for c in solved["cells"] if grade_id(c) in names}
    executed = tmp_path_factory.mktemp("canary") / "executed"
    hostile = {**reference, "TwoLayerNet": reference["TwoLayerNet"] + f"\n_note = {MARKUP}\n"
               f"__import__('pathlib').Path({str(executed)!r}).touch()\n"}
    answers = {
        "reference": reference,
        "indep_1": {name: right(name, 0) for name in names},
        "indep_2": {name: right(name, 1) for name in names},
        "copy": {name: disguise(code) for name, code in reference.items()},
        HOSTILE: {name: disguise(code, salt="z") for name, code in hostile.items()},
        "partial": {"sigmoid_grad": wrong("sigmoid_grad", 0), "train_neuron": wrong("train_neuron", 0),
                    "train_network": wrong("train_network", 0),
                    "TwoLayerNet": disguise(right("TwoLayerNet", 0), salt="p")},
        "blank_1": {}, "blank_2": {},
    }
    for student, code in answers.items():
        write_notebook(with_answers(blank, code), course / "submitted" / student / A / f"{A}.ipynb")
    broken = {name: course / "submitted" / name / A for name in ("not_json", "link", "no_cells", "huge")}
    for folder in broken.values():
        folder.mkdir(parents=True)
    (broken["not_json"] / f"{A}.ipynb").write_text("{ this is not json", encoding="utf-8")
    (broken["link"] / f"{A}.ipynb").symlink_to(course / "submitted" / "reference" / A / f"{A}.ipynb")
    write_notebook({"cells": [{"cell_type": "code", "source": "x = 1", "metadata": {}}]},
                   broken["no_cells"] / f"{A}.ipynb")
    with (broken["huge"] / f"{A}.ipynb").open("wb") as file:
        file.truncate(NOTEBOOK_BYTES + 1)  # sparse: costs no disk
    (course / "submitted" / "linked_folder").symlink_to(course / "submitted" / "reference")
    (course / "submitted" / "other_assignment_only" / "ps1_gates").mkdir(parents=True)
    return course, executed


@pytest.fixture(scope="module")
def result(course):
    return similarity.write_reports(course[0], A)[2]


@pytest.fixture(scope="module")
def page(course, result) -> str:
    return (course[0] / "reports" / f"{A}-similarity.html").read_text(encoding="utf-8")


def pair_scores(result) -> dict[frozenset, dict[str, float]]:
    s = result.students
    return {frozenset((s[i], s[j])): result.judged_scores(i, j) for i, j in itertools.combinations(range(len(s)), 2)}


def test_copies_rank_on_top(result):
    """Are exactly the copied pairs flagged, each above every pair that is not a copy?"""
    flagged = [(score, frozenset((result.students[i], result.students[j]))) for score, i, j in result.flagged()]
    assert {pair for _, pair in flagged} == COPIES
    lowest_copy = min(score for score, _ in flagged)
    others = [max(scores.values()) for pair, scores in pair_scores(result).items() if pair not in COPIES]
    assert max(others) < similarity.THRESHOLD <= lowest_copy


def test_renamed_uncommented_copy_is_whole(result):
    """Does renaming every local name and removing the comments leave the similarity at 1?"""
    scores = pair_scores(result)[frozenset(("reference", "copy"))]
    assert scores == pytest.approx(dict.fromkeys(scores, 1.0))


def test_copy_of_part_of_the_assignment(result):
    """Is one copied exercise found whole, and the whole assignment only partly shared?"""
    scores = pair_scores(result)[frozenset(("indep_1", "partial"))]
    assert scores["TwoLayerNet"] == pytest.approx(1.0)
    assert scores["train_neuron"] < 0.5 and scores["all"] < 1.0


def test_independent_answers_stay_below_the_threshold(result):
    """Do independently written correct answers stay below the threshold in every exercise and overall?"""
    scores = pair_scores(result)
    for pair in itertools.combinations(INDEPENDENT, 2):
        assert max(scores[frozenset(pair)].values()) < similarity.THRESHOLD, pair


def test_blanks_share_nothing(result):
    """Do blank submissions (the stub as released) share nothing with anyone, each other included?"""
    exercises = [e.similarity for e in result.exercises] + [result.overall]
    for blank in BLANKS:
        row = result.students.index(blank)
        assert all(not m[row].any() for m in exercises), blank


def test_small_exercises_are_reported_apart(result, page):
    """Is an exercise too small to tell copying from convergence left out of the flags, and said so?"""
    small = {e.name for e in result.exercises if not e.judged}
    assert small == {"sigmoid_grad"}
    assert "<code>sigmoid_grad</code> (" in page and "too small to tell copying from convergence" in page


def test_csv_lists_every_pair_highest_first(course, result):
    """Does the CSV hold every compared pair per exercise and all, with similarities from 0 to 1, sorted?"""
    with (course[0] / "reports" / f"{A}-similarity.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    n = len(result.students)
    assert n == 8
    assert len(rows) == n * (n - 1) // 2 * 5
    assert {r["exercise"] for r in rows} == {"sigmoid_grad", "train_neuron", "TwoLayerNet", "train_network", "all"}
    values = [float(r["similarity"]) for r in rows]
    assert values == sorted(values, reverse=True) and 0 <= min(values) and max(values) <= 1
    top = {frozenset((r["student_a"], r["student_b"])) for r in rows if r["judged"] == "yes"
           and float(r["similarity"]) >= similarity.THRESHOLD}
    assert top == COPIES


def test_unreadable_notebooks_are_listed_with_the_reason(result, page):
    """Are notebooks that are not JSON, linked, without solution cells or too large listed, not compared?"""
    reasons = result.not_compared
    # other_assignment_only did not submit this assignment: not a submission at all
    assert set(reasons) == {"not_json", "link", "linked_folder", "no_cells", "huge"}
    assert "not JSON" in reasons["not_json"]
    assert "symbolic link" in reasons["link"] and "symbolic link" in reasons["linked_folder"]
    assert "none of the release's solution cells" in reasons["no_cells"]
    assert "larger than 16 MiB" in reasons["huge"]
    for student, why in reasons.items():
        assert f"<li><code>{student}</code>: {html.escape(why)}</li>" in page


def test_page_escapes_student_input_and_says_it_is_no_verdict(page):
    """Is every student id and line of code escaped, and does the page say similarity is no verdict?"""
    assert "<script>" not in page and "<img" not in page
    assert html.escape(HOSTILE) in page and "&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Similarity is a reason to look, not a verdict." in page
    assert "<mark>" in page and "Threshold 0.75" in page


def test_student_code_is_never_run(course, result):
    """Does reading a notebook whose code would touch a file leave that file untouched?"""
    assert not course[1].exists()


def test_scores_are_copydetects(result):
    """Are the class-wide numbers those of copydetect's own pairwise compare_files?"""
    for exercise in result.exercises:
        prints = exercise.prints
        for i, j in itertools.combinations(range(len(prints)), 2):
            overlap, (_, j_fraction), _ = compare_files(prints[i], prints[j])
            assert exercise.shared[i, j] == overlap
            assert exercise.shared[j, i] == pytest.approx(j_fraction * prints[j].token_coverage)


def test_marks_cover_the_shared_code_only():
    """Are shared parts marked in the raw code, and the rest escaped and left unmarked?"""
    stub = kgram_hashes("def f(x):\n    raise NotImplementedError()")
    own = fingerprint("def f(x):\n    total = 0  # <b>\n    for item in x:\n        total += item * item\n"
                      "    return total\n\nprint('<b>unrelated</b> text here')", stub)
    other = fingerprint("def f(v):\n    acc = 0\n    for e in v:\n        acc += e * e\n    return acc\n", stub)
    shared = shared_characters([own, other])
    assert shared[0, 1] > 0 and shared[0, 1] == shared[1, 0] == other.token_coverage
    text = marked(own, compare_files(own, other)[2][0])
    assert "<mark>" in text and "&lt;b&gt;unrelated&lt;/b&gt;" in text.split("</mark>")[-1]
    assert "<b>" not in text


def test_similarity_page_for_the_class_report(course, result, tmp_path):
    """Does similarity_page give the page once written, and None where there is none?"""
    assert similarity.similarity_page(course[0], A) == course[0] / "reports" / f"{A}-similarity.html"
    assert similarity.similarity_page(tmp_path, A) is None


def test_command_line(course, result, monkeypatch, capsys):
    """Does `nnbasics similarity <a>` write both files, print where, and fail clearly without a release?"""
    monkeypatch.chdir(course[0])
    assert cli.main(["similarity", A]) == 0
    out = capsys.readouterr().out
    assert "compared 8 submissions (5 not compared), 4 pairs at or above 0.75" in out
    assert f"reports/{A}-similarity.csv" in out and f"reports/{A}-similarity.html" in out
    assert cli.main(["similarity", "no_such_assignment"]) == 1
    assert "generate_assignment no_such_assignment" in capsys.readouterr().out


def test_ids_that_look_like_formulas_are_defused():
    """Is a student id a spreadsheet would run as a formula written as text?"""
    assert spreadsheet_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert spreadsheet_safe("kim") == "kim"


def test_malformed_cells_do_not_stop_the_class():
    """Is a notebook with odd cells (source a number, metadata a list) refused with a reason?"""
    from nnbasics.similarity.submissions import Unreadable, solution_cells

    odd = {"cells": [{"cell_type": "code", "metadata": [], "source": 1},
                     {"cell_type": "code", "metadata": {"nbgrader": {"solution": True, "grade_id": "f"}},
                      "source": 7}]}
    with pytest.raises(Unreadable, match="neither text nor a list"):
        solution_cells(odd)
    assert solution_cells({"cells": ["not a cell", {"metadata": {"nbgrader": "flag"}}]}) == {}
