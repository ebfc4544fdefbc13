"""After autograding: do grades reach Canvas and Moodle, feedback reach students, and do
extensions and the late-penalty policy work through nbgrader's own gradebook?

One scratch class of ``ps2_activations`` (5 points: 1+1+1+2) is imported from a UTF-8 roster
with Korean names, given a due date with ``nbgrader db assignment add``, and graded by the real
``nbgrader autograde``:

- s01 김민준: the reference solution, on time;
- s02 이서연: ``relu`` as ``abs`` (0 on relu: 4/5), 30 hours late, no extension: 2 started days
  × 10 % × 5 points = 1 point off;
- s03 박지호: the reference, 30 hours late, with a 2-day extension granted before grading: no penalty;
- s04 "<b>Eve</b>": the blank release, no lms_user_id (Canvas cannot match her);
- s05 최유나: on the roster, no submission.

Files are read back the way Canvas and Moodle read an import: CSV, UTF-8, header names,
identifiers, numbers with a dot.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
import subprocess

import pytest
from nbgrader.api import Gradebook

from nnbasics.course import grade_id, read_notebook, solution_names, with_answers, write_notebook
from nnbasics.gradebook import submission_scores
from nnbasics.grading import results
from nnbasics.nbgrader_run import BIN, nbgrader, nbgrader_env
from nnbasics.term import export, extend, feedback_files, late, roster
from nnbasics.term.files import write_atomically
from tests.conftest import ROOT, autograde

pytestmark = pytest.mark.slow

A = "ps2_activations"
DUE = "2026-03-20 14:59:00 UTC"
DUE_AT = datetime.datetime(2026, 3, 20, 14, 59)
LATE = "2026-03-21 20:59:00 UTC"  # 30 hours after DUE
ON_TIME = "2026-03-20 10:00:00 UTC"
ROSTER = """id,first_name,last_name,email,lms_user_id
s01,민준,김,minjun@example.ac.kr,1001
s02,서연,이,seoyeon@example.ac.kr,1002
s03,지호,박,jiho@example.ac.kr,1003
s04,<b>Eve</b>,"Kim, Jr.",eve@example.ac.kr,
s05,유나,최,yuna@example.ac.kr,1005
"""
EXERCISES = ["test_step_function", "test_sigmoid", "test_relu", "test_softmax"]


def nnbasics(course, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "nnbasics"), *args], cwd=course, env=nbgrader_env(), capture_output=True,
                          text=True)


def gradebook(course) -> Gradebook:
    return Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="nn-basics")


def submit(course, student: str, notebook: dict, timestamp: str) -> None:
    folder = course / "submitted" / student / A
    write_notebook(notebook, folder / f"{A}.ipynb")
    (folder / "timestamp.txt").write_text(timestamp)


@pytest.fixture(scope="module")
def term(course_factory):
    course = course_factory("term", only=[A])
    (course / "roster.csv").write_text(ROSTER, encoding="utf-8")
    run = nnbasics(course, "roster", "roster.csv")
    assert run.returncode == 0, run.stdout + run.stderr
    nbgrader(course, "db", "assignment", "add", A, f"--duedate={DUE}")
    blank = read_notebook(course / "release" / A / f"{A}.ipynb")
    solved = read_notebook(course / "solutions" / A / f"{A}.ipynb")
    reference = with_answers(blank, {grade_id(c): c["source"] for c in solved["cells"]
                                     if grade_id(c) in solution_names(blank)})
    wrong_relu = (ROOT / "tests" / "answers" / A / "relu" / "wrong_abs.py").read_text()
    submit(course, "s01", reference, ON_TIME)
    submit(course, "s02", with_answers(reference, {"relu": wrong_relu}), LATE)
    submit(course, "s03", reference, LATE)
    submit(course, "s04", blank, ON_TIME)
    # Before grading: nbgrader keeps an extension on the submission row, made here empty.
    run = nnbasics(course, "extend", A, "s03", "--days", "2", "--allow-past")
    assert run.returncode == 0, run.stdout + run.stderr
    autograde(course, A)
    return course


def read_csv(path) -> list[list[str]]:
    """As an LMS reads an upload: bytes decoded as UTF-8 (strictly), then CSV."""
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def stored_results(course, student: str) -> dict[str, results.ModuleResult]:
    notebook = json.loads((course / "autograded" / student / A / f"{A}.ipynb").read_text(encoding="utf-8"))
    return {grade_id(c): results.read(c) for c in notebook["cells"] if results.read(c) is not None}


# -- late work -------------------------------------------------------------------------------------


def test_policy_grace_then_percent_per_started_day_floor_zero():
    """Within the grace period nothing; then 10 % of the points per started day; never below 0."""
    assert late.penalty_points(5, 5, 14 * 60, grace_minutes=15, percent_per_day=10) == 0
    assert late.penalty_points(5, 5, 16 * 60, grace_minutes=15, percent_per_day=10) == 0.5
    assert late.penalty_points(5, 5, 86400, grace_minutes=15, percent_per_day=10) == 0.5
    assert late.penalty_points(5, 5, 86401, grace_minutes=15, percent_per_day=10) == 1.0
    assert late.penalty_points(2, 5, 30 * 86400, grace_minutes=15, percent_per_day=10) == 2  # floor at 0
    assert late.penalty_points(5, 5, 0, grace_minutes=0, percent_per_day=10) == 0


def test_late_submission_penalised_by_nbgraders_plugin(term):
    """Is s02 (30 h late) 1 point down, s03 (30 h late, 2-day extension granted first) not, s01 not?"""
    with gradebook(term) as gb:
        late_one, extended, on_time = (gb.find_submission(A, s) for s in ("s02", "s03", "s01"))
        assert late_one.score == 4 and late_one.late_submission_penalty == 1.0
        assert extended.extension == datetime.timedelta(days=2) and extended.total_seconds_late == 0
        assert extended.score == 5 and not extended.late_submission_penalty
        assert not on_time.late_submission_penalty
        assert extended.timestamp == DUE_AT + datetime.timedelta(hours=30)  # autograde filled the row


def test_extension_after_grading_takes_the_penalty_away_and_back(term):
    """Granted after grading, does the extension remove s02's penalty at once, and removing it
    (0 days) bring the penalty back, the same as autograde gives?"""
    run = nnbasics(term, "extend", A, "s02", "--days", "2", "--allow-past")
    assert run.returncode == 0 and "late penalty now 0" in run.stdout, run.stdout + run.stderr
    with gradebook(term) as gb:
        assert not gb.find_submission(A, "s02").late_submission_penalty
    run = nnbasics(term, "extend", A, "s02", "--days", "0")
    assert run.returncode == 0 and "extension removed" in run.stdout, run.stdout
    with gradebook(term) as gb:
        submission = gb.find_submission(A, "s02")
        assert submission.extension is None and submission.late_submission_penalty == 1.0


def test_bad_extensions_are_named_and_nothing_is_recorded(term, tmp_path):
    """Unknown student or assignment, a deadline already past, a repeated row, a bad number:
    each named by its row, and not one extension recorded."""
    for args, said in [(("ps99", "s01"), "no assignment 'ps99'"), ((A, "nobody"), "no student 'nobody'"),
                       ((A, "s01"), "already past")]:
        run = nnbasics(term, "extend", *args, "--days", "1")
        assert run.returncode == 1 and said in run.stdout, run.stdout
    rows = tmp_path / "extensions.csv"
    rows.write_text("assignment,student_id,days,hours\n"
                    f"{A},s01,3,\n{A},s05,365000,\n{A},nobody,1,\n{A},s05,365000,\n{A},s01,two,\n",
                    encoding="utf-8")
    run = nnbasics(term, "extend", "--csv", str(rows))
    assert run.returncode == 1
    assert "row 2 of extensions.csv" in run.stdout and "already past" in run.stdout  # s01, 3 days
    assert "row 4 of extensions.csv: no student 'nobody'" in run.stdout
    assert "row 5 of extensions.csv: s05 on ps2_activations again (first at row 3" in run.stdout
    assert "row 6 of extensions.csv: days and hours must be numbers" in run.stdout
    with gradebook(term) as gb:
        assert gb.find_submission(A, "s01").extension is None
        assert all(s.student.id != "s05" for s in gb.assignment_submissions(A))


def test_extensions_from_a_csv(term, tmp_path):
    """A good CSV: every row recorded (hours too), the new deadlines printed."""
    rows = tmp_path / "good.csv"
    rows.write_text(f"\ufeffassignment,student_id,hours\n{A},s05,876000\n", encoding="utf-8")  # Excel's BOM
    run = nnbasics(term, "extend", "--csv", str(rows))
    assert run.returncode == 0, run.stdout
    with gradebook(term) as gb:
        submission = gb.find_submission(A, "s05")
        assert submission.extension == datetime.timedelta(hours=876000) and submission.timestamp is None
    # An extension alone is not a submission: not in exports, nor among the report's graded.
    _, grades = export.class_grades(term, [A])
    assert not next(g for g in grades if g.student.id == "s05").assignments[A].submitted
    with gradebook(term) as gb:
        assert "s05" not in submission_scores(gb, A) and "s01" in submission_scores(gb, A)
    run = nnbasics(term, "extend", A, "s05", "--days", "0")  # taken away: the empty row goes too
    assert run.returncode == 0 and "s05: no extension" in run.stdout, run.stdout
    with gradebook(term) as gb:
        assert "s05" not in {s.student.id for s in gb.assignment_submissions(A)}


# -- grades into the LMS ---------------------------------------------------------------------------


def test_canvas_import_file(term, tmp_path):
    """Canvas's columns, the Points Possible row, students matched by ID (lms_user_id), scores
    after the penalty with a dot, Korean names intact; s04 (no ID) left out and named; s05 empty."""
    out = tmp_path / "canvas.csv"
    run = nnbasics(term, "export", "--format", "canvas", "--output", str(out))
    assert run.returncode == 1  # written, but someone was left out
    assert "student 's04'" in run.stdout and "no lms_user_id" in run.stdout
    assert "1 without a submission (empty grade): s05" in run.stdout
    rows = read_csv(out)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", A]
    assert rows[1][0].strip() == "Points Possible" and float(rows[1][5]) == 5.0
    by_id = {row[1]: row for row in rows[2:]}
    assert sorted(by_id) == ["1001", "1002", "1003", "1005"]
    assert by_id["1001"][:4] == ["김, 민준", "1001", "s01", "minjun@example.ac.kr"]
    assert [by_id[i][5] for i in ("1001", "1002", "1003", "1005")] == ["5", "3", "5", ""]


def test_canvas_per_exercise_and_missing_as_zero(term, tmp_path):
    """One column per exercise, named "<assignment>: <exercise>", points per exercise (the
    gradebook's scores), and the late penalty as a column of 0 points possible and a negative
    score, so a row adds up to the assignment's grade; --missing-as-zero gives s05 zeros."""
    out = tmp_path / "canvas.csv"
    nnbasics(term, "export", "--format", "canvas", "--per-exercise", "--missing-as-zero", "--output", str(out))
    rows = read_csv(out)
    assert rows[0][5:] == [f"{A}: step_function", f"{A}: sigmoid", f"{A}: relu", f"{A}: softmax",
                           f"{A}: late penalty"]
    assert [float(p) for p in rows[1][5:]] == [1, 1, 1, 2, 0]
    by_id = {row[1]: row[5:] for row in rows[2:]}
    assert by_id["1002"] == ["1", "1", "0", "2", "-1"] and by_id["1001"][-1] == "0"
    assert by_id["1005"] == ["0"] * 5
    assert sum(float(x) for x in by_id["1002"]) == 3.0


def test_moodle_import_file(term, tmp_path):
    """Moodle's columns (Email address and ID number to map), a grade per assignment, and a
    feedback column with per-exercise scores, the properties failed and the penalty."""
    out = tmp_path / "moodle.csv"
    run = nnbasics(term, "export", "--format", "moodle", "--output", str(out))
    assert run.returncode == 0, run.stdout
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    assert list(rows[0]) == ["First name", "Last name", "ID number", "Email address", A, f"{A} feedback"]
    by_email = {r["Email address"]: r for r in rows}
    assert len(by_email) == 5  # s04 has an email: Moodle can match her
    seoyeon = by_email["seoyeon@example.ac.kr"]
    assert (seoyeon["First name"], seoyeon["Last name"], seoyeon["ID number"]) == ("서연", "이", "1002")
    assert float(seoyeon[A]) == 3.0 and by_email["yuna@example.ac.kr"][A] == ""
    text = html.unescape(seoyeon[f"{A} feedback"])
    assert "relu: 0/1" in text and "softmax: 2/2" in text and "−1점" in text
    for test in stored_results(term, "s02")["test_relu"].tests:
        assert (test.description in text) != test.passed, test.description  # failed ones, only those
    assert "&lt;b&gt;" not in by_email["eve@example.ac.kr"][f"{A} feedback"]  # names are not in feedback
    assert by_email["eve@example.ac.kr"]["First name"] == "<b>Eve</b>"


def test_long_file_adds_up_to_the_gradebook(term, tmp_path):
    """One row per student and exercise; the scores add up to the gradebook's, the penalty is there."""
    out = tmp_path / "long.csv"
    assert nnbasics(term, "export", "--format", "long", "--output", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert list(rows[0]) == ["student_id", "assignment", "exercise", "score", "max_score", "late_penalty", "submitted"]
    assert len(rows) == 5 * 4
    with gradebook(term) as gb:
        for student in ("s01", "s02", "s03", "s04"):
            mine = [r for r in rows if r["student_id"] == student]
            submission = gb.find_submission(A, student)
            assert sum(float(r["score"]) for r in mine) == pytest.approx(submission.score)
            assert {float(r["late_penalty"]) for r in mine} == {submission.late_submission_penalty}
    assert {(r["score"], r["submitted"]) for r in rows if r["student_id"] == "s05"} == {("", "no")}


def test_export_as_an_nbgrader_plugin(term, tmp_path):
    """`nbgrader export --exporter nnbasics.term.export.CanvasExport` writes the same file."""
    ours, theirs = tmp_path / "ours.csv", tmp_path / "theirs.csv"
    nnbasics(term, "export", "--format", "canvas", "--output", str(ours))
    nbgrader(term, "export", "--exporter", "nnbasics.term.export.CanvasExport", "--to", str(theirs))
    assert theirs.read_bytes() == ours.read_bytes()


def test_unknown_assignment_writes_nothing(term, tmp_path):
    out = tmp_path / "canvas.csv"
    run = nnbasics(term, "export", "--format", "canvas", "--assignment", "ps99", "--output", str(out))
    assert run.returncode == 1 and "not in the gradebook: ps99" in run.stdout and not out.exists()


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    """Written to a temporary file and renamed: a failure keeps the old file whole, no leftovers."""
    target = tmp_path / "grades.csv"
    target.write_text("old\n")

    def fail(*_):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(OSError):
        write_atomically(target, "new\n" * 1000)
    assert target.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["grades.csv"]


def test_roster_with_duplicates_is_refused_by_row(term, tmp_path):
    """A repeated id, lms_user_id or email, a row without id: each named by row; nobody imported."""
    bad = tmp_path / "roster.csv"
    bad.write_text("id,first_name,last_name,email,lms_user_id\ns10,가,나,a@x.kr,2001\n"
                   "s11,다,라,A@x.kr,2002\ns10,마,바,c@x.kr,2003\n,사,아,d@x.kr,2004\ns12,자,차,e@x.kr,2001\n",
                   encoding="utf-8")
    run = nnbasics(term, "roster", str(bad))
    assert run.returncode == 1
    for line in ("row 3: email 'A@x.kr' is already on row 2", "row 4: id 's10' is already on row 2",
                 "row 5: no id", "row 6: lms_user_id '2001' is already on row 2"):
        assert line in run.stdout, run.stdout
    with gradebook(term) as gb:
        assert "s10" not in {s.id for s in gb.students}


# -- feedback --------------------------------------------------------------------------------------


def test_feedback_files_per_student(term, tmp_path):
    """One file per student who submitted, named by id, with every line their test cells showed,
    the due date and the penalty; everything from students escaped; no scripts, nothing external."""
    out = tmp_path / "feedback"
    run = nnbasics(term, "feedback", A, "--out", str(out))
    assert run.returncode == 0 and "s05" in run.stdout, run.stdout
    assert sorted(p.name for p in out.iterdir()) == ["s01.html", "s02.html", "s03.html", "s04.html"]
    for student in ("s01", "s02", "s03", "s04"):
        page = (out / f"{student}.html").read_text(encoding="utf-8")
        assert "<script" not in page and "http" not in page.replace("http-equiv", "")
        for name, result in stored_results(term, student).items():
            points = {"test_softmax": 2.0}.get(name, 1.0)
            for line in result.feedback(points).splitlines():
                assert html.escape(line) in page, (student, line)
    seoyeon = (out / "s02.html").read_text(encoding="utf-8")
    assert "2026-03-20 14:59 UTC" in seoyeon and "지각 감점(late penalty): −1점" in seoyeon
    assert "총점(total): 3/5점" in seoyeon and "이서연" not in seoyeon and "서연 이" in seoyeon
    eve = (out / "s04.html").read_text(encoding="utf-8")
    assert "<b>Eve</b>" not in eve and "&lt;b&gt;Eve&lt;/b&gt;" in eve
    jiho = (out / "s03.html").read_text(encoding="utf-8")
    assert "연장(extension): 2 d → 내 제출 기한 2026-03-22 14:59 UTC" in jiho and "지각 감점" not in jiho


def test_feedback_file_names_are_safe():
    assert feedback_files.file_name("s01") == "s01.html"
    assert feedback_files.file_name("../etc/x") == "%2E.%2Fetc%2Fx.html"
    assert feedback_files.file_name("김") == "%EA%B9%80.html"


def test_nbgrader_feedback_shows_the_deadline(term):
    """nbgrader generate_feedback: the page starts with the due date, the extension and the penalty."""
    nbgrader(term, "generate_feedback", A, "--force")
    seoyeon = (term / "feedback" / "s02" / A / f"{A}.html").read_text(encoding="utf-8")
    assert "제출 기한(due date): 2026-03-20 14:59 UTC" in seoyeon and "지각 감점(late penalty): −1점" in seoyeon
    assert re.search(r"Late submission penalty \(Score: -1\.0\)", seoyeon)  # nbgrader's own line agrees
    jiho = (term / "feedback" / "s03" / A / f"{A}.html").read_text(encoding="utf-8")
    assert "연장(extension): 2 d" in jiho and "기한 안에 제출" in jiho


def test_class_report_lists_deadlines(term):
    """The class report's Deadlines section: the due date, s02 late with 1 point off, s03's extension."""
    assert nnbasics(term, "report", A).returncode == 0
    page = (term / "reports" / f"{A}.html").read_text(encoding="utf-8")
    section = page[page.index("<h2>Deadlines</h2>"):]
    assert "Due: <b>2026-03-20 14:59 UTC</b>" in section
    assert re.search(r"<code>s02</code></td><td>—</td>.*?30\.0 h late</td><td class=n>1</td>", section)
    assert "<code>s03</code></td><td>2 d</td><td>2026-03-22 14:59 UTC</td>" in section
    assert "<code>s01</code>" not in section


def test_roster_import_keeps_korean_names(term):
    with gradebook(term) as gb:
        student = gb.find_student("s01")
        assert (student.first_name, student.last_name, student.lms_user_id) == ("민준", "김", "1001")


def test_read_roster_reports_missing_id_column(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("name\nx\n", encoding="utf-8")
    assert roster.read_roster(path)[1] == [f"{path}: needs an id column (has: name)"]


def test_extension_needs_a_due_date(term):
    """An assignment without a due date has nothing to extend: the message says how to set one."""
    with gradebook(term) as gb:
        gb.update_or_create_assignment("ps_nodue")
        problem = extend.check(gb, extend.Extension("ps_nodue", "s01", days=1), DUE_AT, allow_past=False)
        gb.remove_assignment("ps_nodue")
    assert "has no due date" in problem and "--duedate" in problem
