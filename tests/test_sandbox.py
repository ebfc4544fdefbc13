"""Does the student process run cells like a kernel and keep student code inside its limits?"""

from __future__ import annotations

import subprocess
import time

import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import CheckFailure, ExerciseAborted
from nnbasics.sandbox.client import Limits, Sandbox


@pytest.fixture
def sandbox(tmp_path):
    (tmp_path / "data.txt").write_text("1 2 3")
    with Sandbox(str(tmp_path), Limits(exercise_seconds=1.5, cell_seconds=2, memory_bytes=1 << 30)) as box:
        yield box


def run(sandbox, *sources):
    return sandbox.execute([{"index": i, "name": str(i), "source": s} for i, s in enumerate(sources)])


def test_cells_give_stream_result_and_error_outputs(sandbox):
    out = run(sandbox, "import numpy as np\nprint('hi')\nnp.arange(3).sum()", "1/0")
    assert out[0][0]["text"] == "hi\n" and out[0][1]["data"]["text/plain"] == "np.int64(3)"
    assert out[1][0]["ename"] == "ZeroDivisionError"


def test_a_hanging_cell_is_stopped_and_later_cells_still_see_earlier_state(sandbox):
    out = run(sandbox, "x = 41", "while True: pass", "x + 1")
    assert out[1][0]["ename"] == "TimeoutError"
    assert out[2][0]["data"]["text/plain"] == "42"


def test_a_cell_that_kills_its_process_loses_only_itself(sandbox):
    out = run(sandbox, "import os\ny = 1", "os._exit(3)", "y")
    assert out[1][0]["ename"] == "WorkerDied" and out[2][0]["data"]["text/plain"] == "1"


def test_output_is_bounded(sandbox):
    out = run(sandbox, "for i in range(2 * 10**5): print(i)")
    assert len(out[0][0]["text"]) < 20_000 and "output truncated" in out[0][0]["text"]


def test_student_code_reads_its_folder_but_nothing_else_and_writes_only_scratch(sandbox):
    if sandbox.status.get("files") != "ok":
        pytest.skip(f"Landlock unavailable here: {sandbox.status}")
    out = run(sandbox, "open('data.txt').read()",
              "open(__import__('nnbasics').__file__)",
              "open('new.txt', 'w')", "import os\nopen(os.environ['TMPDIR'] + '/ok.txt', 'w').write('x')")
    assert out[0][0]["data"]["text/plain"] == "'1 2 3'"
    assert out[1][0]["ename"] in ("PermissionError", "ModuleNotFoundError")
    assert out[2][0]["ename"] in ("PermissionError", "OSError")  # Landlock, or the read-only mount
    assert out[3][0]["data"]["text/plain"] == "1"


def test_student_code_has_no_network(sandbox):
    if sandbox.status.get("network") != "ok":
        pytest.skip(f"network namespace unavailable here: {sandbox.status}")
    out = run(sandbox, "import socket\nsocket.create_connection(('127.0.0.1', 22), timeout=1)")
    assert out[0][0]["ename"] in ("OSError", "ConnectionRefusedError", "TimeoutError")
    assert "unreachable" in out[0][0]["evalue"].lower() or out[0][0]["ename"] == "ConnectionRefusedError"


def test_each_exercise_gets_a_fresh_copy_of_the_notebook_state(sandbox):
    run(sandbox, "import numpy as np\nstate = []\ndef add(v):\n    state.append(v)\n    return len(state)")
    with sandbox.exercise() as student:
        assert student.add(1) == 1 and student.add(2) == 2
    with sandbox.exercise() as student:
        assert student.add(1) == 1


def test_an_exercise_over_its_time_limit_is_aborted_and_stays_aborted(sandbox):
    run(sandbox, "def spin():\n    while True: pass\ndef ok():\n    return 1")
    with sandbox.exercise() as student:
        with pytest.raises(ExerciseAborted, match="시간 제한"):
            student.spin()
        with pytest.raises(ExerciseAborted):
            student.ok()
    with sandbox.exercise() as student:
        assert student.ok() == 1


def test_memory_blowups_and_crashes_abort_the_exercise(sandbox):
    run(sandbox, "import numpy as np, os\ndef hog():\n    return np.ones(10**10)\ndef die():\n    os._exit(1)")
    with sandbox.exercise() as student, pytest.raises(ExerciseAborted, match="메모리"):
        student.hog()
    with sandbox.exercise() as student, pytest.raises(ExerciseAborted, match="종료"):
        student.die()


def test_student_exceptions_are_check_failures_not_crashes(sandbox):
    run(sandbox, "def f(x):\n    raise KeyError('k')")
    with sandbox.exercise() as student:
        with pytest.raises(CheckFailure, match="KeyError"):
            student.f(np.zeros(2))


def test_processes_student_code_leaves_behind_die_with_its_sandbox(tmp_path):
    box = Sandbox(str(tmp_path), Limits(cell_seconds=5))
    if box.status.get("processes") != "ok":
        box.close()
        pytest.skip(f"PID namespaces unavailable here: {box.status}")
    run(box, "import os\nif os.fork() == 0:\n    os.setsid()\n    os.execv('/bin/sleep', ['sleep', '4321.5'])")
    box.close()
    time.sleep(0.5)
    alive = subprocess.run(["pgrep", "-f", "sleep 4321.5"], capture_output=True, text=True).stdout
    assert not alive.strip()
