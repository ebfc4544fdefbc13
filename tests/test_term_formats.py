"""The export writers on a class made by hand (no nbgrader run): identifiers an LMS cannot tell
apart are left out and named, numbers keep a dot, Korean text and quotes survive the CSV."""

from __future__ import annotations

import csv
import datetime
import io

from nnbasics.grading.results import ModuleResult, TestResult
from nnbasics.term import export, feedback_files, late
from nnbasics.term.grades import AssignmentGrade, ExerciseGrade, Student, StudentGrades

A = "ps2_activations"


def student(sid: str, lms: str, email: str, first: str = "민준", last: str = "김", score: float | None = 1.0,
            penalty: float = 0.0) -> StudentGrades:
    result = ModuleResult([TestResult("t1", "음수는 0, 양수는 그대로", 1, score == 1.0),
                           TestResult("t2", 'shape 을 "지킨다", 쉼표도', 1, True)])
    exercises = [ExerciseGrade("test_relu", 1.0, score, result), ExerciseGrade("test_softmax", 2.0,
                                                                                None if score is None else 2 / 3)]
    deadline = late.Deadline(datetime.datetime(2026, 3, 20), None, datetime.datetime(2026, 3, 21), penalty)
    return StudentGrades(Student(sid, first, last, email, lms),
                         {A: AssignmentGrade(A, score is not None, exercises, deadline)})


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_numbers_with_a_dot_no_exponent():
    assert [export.number(x) for x in (5.0, 2 / 3, 0.0, 1e-7, 1234567.0, None, -0.0)] == \
        ["5", "0.6667", "0", "0", "1234567", "", "0"]


def test_canvas_leaves_out_shared_and_missing_ids_and_keeps_the_rest():
    grades = [student("s1", "1001", "a@x.kr"), student("s2", "1002", "b@x.kr", score=0.0, penalty=0.5),
              student("s3", "1002", "c@x.kr"), student("s4", " ", "d@x.kr"), student("s5", "1005", "", score=None)]
    result = export.canvas([A], grades)
    table = rows(result.text)
    assert [r[1] for r in table[2:]] == ["1001", "1005"]
    assert table[2][5] == "1.6667" and table[3][5] == ""  # 1 + 2/3; s5 has not submitted
    assert len(result.left_out) == 3
    assert "'s2'" in result.left_out[0] and "also that of s3" in result.left_out[0]
    assert "'s4'" in result.left_out[2] and "no lms_user_id" in result.left_out[2]
    assert result.without_submission == {A: ["s5"]}


def test_moodle_feedback_survives_the_csv_and_names_what_failed():
    grades = [student("s1", "", "a@x.kr", first='"Quote", 콤마', score=0.0, penalty=0.5)]
    table = rows(export.moodle([A], grades, per_exercise=True).text)
    assert table[0] == ["First name", "Last name", "ID number", "Email address", f"{A}: relu", f"{A}: softmax",
                        f"{A}: late penalty", f"{A} feedback"]
    assert table[1][:7] == ['"Quote", 콤마', "김", "", "a@x.kr", "0", "0.6667", "-0.5"]
    feedback = table[1][7].splitlines()
    assert feedback[0] == "relu: 0/1 — ✗ 음수는 0, 양수는 그대로"
    assert feedback[1] == "softmax: 0.6667/2" and feedback[-1] == "총점(total): 0.1667/3점"


def test_moodle_leaves_out_a_shared_email():
    grades = [student("s1", "", "Same@x.kr"), student("s2", "", "same@x.kr"), student("s3", "", "c@x.kr")]
    result = export.moodle([A], grades)
    assert [r[3] for r in rows(result.text)[1:]] == ["c@x.kr"]
    assert len(result.left_out) == 2 and "also that of s2" in result.left_out[0]


def test_a_stub_is_one_line_in_moodle_feedback():
    """A stub left as released fails every test with NotImplementedError: said once, not listed."""
    grades = [student("s1", "", "a@x.kr", score=0.0)]
    grades[0].assignments[A].exercises[0].result = ModuleResult(
        [TestResult(f"t{i}", f"property {i}", 1, False, raised="NotImplementedError") for i in range(5)])
    feedback = rows(export.moodle([A], grades).text)[1][-1].splitlines()
    assert feedback[0] == "relu: 0/1 — ✗ 아직 구현하지 않았어요 (not implemented)"


def test_a_penalty_column_never_takes_a_total_below_zero():
    """Per exercise, the penalty column is at most what was scored: the row never adds up below 0."""
    grades = [student("s1", "1001", "a@x.kr", score=0.0, penalty=5.0)]
    grades[0].assignments[A].exercises[1].score = 0.25
    row = rows(export.canvas([A], grades, per_exercise=True).text)[2][5:]
    assert row == ["0", "0.25", "-0.25"]


def test_no_gradebook_is_said_not_created(tmp_path, capsys):
    """Without a gradebook, export and feedback say so, write nothing, and create no empty gradebook."""
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'nn-basics'\n")
    assert export.main(tmp_path, "canvas", tmp_path / "out.csv", None, False, False, True) == 1
    assert feedback_files.main(tmp_path, "ps2_activations") == 1
    assert capsys.readouterr().out.count("no gradebook at") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nbgrader_config.py"]
