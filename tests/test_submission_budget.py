"""One wall-clock budget per submission, and no replay of earlier cells after a hang.

Each cell runs in a snapshot of the state before it (``worker.hold``): a cell that hangs
or crashes costs its own time once, and the cells after it see the state of the cells
before it. ``submission_seconds`` covers every cell, restart and exercise together.
"""

from __future__ import annotations

import time

import pytest

from nnbasics.release_kit.selfcheck_protocol import ExerciseAborted
from nnbasics.sandbox.client import Sandbox
from nnbasics.sandbox.limits import Limits

BUDGET_SPENT = "제출물 전체의 시간 제한"
SLACK = 2.0  # seconds: starting the process, killing what hangs, the exercises' forks


def run(sandbox, *sources):
    return sandbox.execute([{"index": i, "name": str(i), "source": s} for i, s in enumerate(sources)])


def value(outputs: list):
    return next(o["data"]["text/plain"] for o in outputs if o["output_type"] == "execute_result")


def test_after_a_hang_or_a_crash_later_cells_see_the_state_before_it_without_a_replay(tmp_path):
    counter = "import os\nopen(os.environ['TMPDIR'] + '/runs', 'a').write('{}')"
    with Sandbox(str(tmp_path), Limits(cell_seconds=3)) as box:
        started = time.monotonic()
        out = run(box, "calls = []", "calls.append(1)\n" + counter.format("a"),
                  "calls.append(2)\n" + counter.format("h") + "\nwhile True: pass",  # hangs after changing the state
                  "calls.append(3)\nimport os\nos._exit(1)",  # dies after changing it
                  "calls", "open(os.environ['TMPDIR'] + '/runs').read()")
        took = time.monotonic() - started
    assert out[2][0]["ename"] == "TimeoutError" and out[3][0]["ename"] == "WorkerDied"
    assert value(out[4]) == "[1]"  # the state of the cells before each of them, appended once
    assert value(out[5]) == "'ah'"  # no cell ran twice (a replay would append "a" again)
    assert took < 3 + SLACK


SLEEPY_NOTEBOOK = [
    "import time\ndef f():\n    return y\ndef spin():\n    while True: pass",
    *["time.sleep(1.8)"] * 3,  # each just under the cell limit
    "while True: pass",
    "while True: pass",
    "y = 2",
]


def test_sleeping_and_hanging_cells_cannot_take_more_than_the_submission_budget(tmp_path):
    """3 cells sleeping just under the 2 s cell limit and two that hang (~9.4 s; with a
    replay of the sleeps after each hang it was ~20 s), then four exercises: the first is
    graded, the second hangs into the 11.5 s budget, and it and the rest are aborted with
    the budget as the reason. All of it within the budget."""
    limits = Limits(cell_seconds=2, exercise_seconds=3, submission_seconds=11.5)
    with Sandbox(str(tmp_path), limits) as box:
        started = time.monotonic()
        out = run(box, *SLEEPY_NOTEBOOK)
        assert time.monotonic() - started < 9.4 + SLACK  # each hang cost its own 2 s, once
        aborted = []
        for call in ("f", "spin", "f", "f"):
            with box.exercise() as student:
                try:
                    assert getattr(student, call)() == 2
                except ExerciseAborted as error:
                    aborted.append(str(error))
        took = time.monotonic() - started
    assert took < limits.submission_seconds + SLACK, took
    assert [o[0]["ename"] for o in (out[4], out[5])] == ["TimeoutError", "TimeoutError"]
    assert len(aborted) == 3 and all(BUDGET_SPENT in reason for reason in aborted), aborted


def test_the_budget_ends_a_cell_that_runs_into_it_with_that_reason(tmp_path):
    with Sandbox(str(tmp_path), Limits(cell_seconds=30, submission_seconds=2)) as box:
        started = time.monotonic()
        out = run(box, "x = 1", "while True: pass", "x")
        assert time.monotonic() - started < 2 + SLACK
        with box.exercise() as student, pytest.raises(ExerciseAborted, match=BUDGET_SPENT):
            student.f()
    assert out[1][0]["ename"] == "TimeoutError" and BUDGET_SPENT in out[1][0]["evalue"]
    assert BUDGET_SPENT in out[2][0]["evalue"]


def test_through_nbgrader_the_exercises_left_when_the_budget_is_spent_score_zero_with_the_reason(course_factory):
    """The real ``nbgrader autograde`` of ps1_gates: a solved notebook whose NAND hangs, with
    three cells sleeping just under the cell limit and two that hang (~9.4 s). AND is
    graded; NAND runs into the 13 s budget; NAND, OR and XOR score 0, the budget named in
    their feedback; the student still has a row."""
    from nnbasics.course import grade_id, read_notebook, with_answers, write_notebook
    from tests.conftest import autograde, scores

    a = "ps1_gates"
    course = course_factory("budget", only=[a])
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write("\nc.SandboxedAutograde.cell_seconds = 2\nc.SandboxedAutograde.exercise_seconds = 5\n"
                     "c.SandboxedAutograde.submission_seconds = 13\n")
    solved = read_notebook(course / "solutions" / a / f"{a}.ipynb")
    # Without the notebook's own demo cells (they call NAND too): the cells below are the whole bill.
    solved["cells"] = [c for c in solved["cells"] if c["cell_type"] != "code" or "nbgrader" in c["metadata"]]
    notebook = with_answers(solved, {"NAND": "def NAND(x1, x2):\n    while True:\n        pass"})
    notebook["cells"] += [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                           "source": source} for source in [*["import time\ntime.sleep(1.8)"] * 3,
                                                            "while True: pass", "while True: pass"]]
    write_notebook(notebook, course / "submitted" / "sleepy" / a / f"{a}.ipynb")

    autograde(course, a)  # (its wall time is mostly nbgrader's own: the Sandbox tests above time the budget)

    assert scores(course, a)["sleepy"] == {"test_AND": 1.0, "test_NAND": 0.0, "test_OR": 0.0, "test_XOR": 0.0}
    graded = read_notebook(course / "autograded" / "sleepy" / a / f"{a}.ipynb")
    for cell in graded["cells"]:
        if grade_id(cell) in ("test_NAND", "test_OR", "test_XOR"):
            text = "".join("".join(o.get("text", "")) for o in cell["outputs"])
            assert BUDGET_SPENT in text, (grade_id(cell), text)
