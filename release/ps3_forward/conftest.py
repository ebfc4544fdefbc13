"""pytest plugin for the student self-check (자가 검사).

Run ``pytest`` in the assignment folder: it executes the saved notebook's code cells
(no Jupyter server needed) and runs ``public_checks.py`` against them, then prints one
line per exercise.
"""

import functools
from pathlib import Path

import pytest
import selfcheck

HERE = Path(__file__).parent


def _notebook() -> Path:
    notebooks = sorted(p for p in HERE.glob("*.ipynb") if not p.name.startswith("."))
    if len(notebooks) != 1:
        raise pytest.UsageError(f"이 폴더에는 노트북(.ipynb)이 하나 있어야 해요: {[p.name for p in notebooks]}")
    return notebooks[0]


@functools.cache
def _loaded() -> tuple[dict, list[str]]:
    """The notebook's namespace and cell errors, computed once per run."""
    path = _notebook()
    try:
        return selfcheck.load_notebook(path)
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        return {}, [f"{path.name} 을(를) 읽을 수 없어요 (JSON 오류): {error}"]


@pytest.fixture(scope="session")
def student():
    namespace, _ = _loaded()
    return selfcheck.Student.local(namespace)


def pytest_collection_modifyitems(config, items):
    namespace, errors = _loaded()
    config._selfcheck_errors = errors
    for item in items:
        item.user_properties.append(("exercise", selfcheck.exercise_of(item.name, namespace) or "?"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is not None and call.excinfo.errisinstance(selfcheck.CheckFailure):
        report.longrepr = f"{selfcheck.first_line(item.function)}\n  → {call.excinfo.value}"


def pytest_terminal_summary(terminalreporter):
    results = {}
    for outcome in ("passed", "failed", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if report.when != "call" and outcome != "error":
                continue
            exercise = dict(report.user_properties).get("exercise", "?")
            passed, total = results.get(exercise, (0, 0))
            results[exercise] = (passed + (outcome == "passed"), total + 1)
    if not results:
        return
    terminalreporter.section("연습문제별 결과 (per exercise)")
    for exercise, (passed, total) in results.items():
        mark = "✓" if passed == total else "✗"
        terminalreporter.write_line(f"{mark} {exercise:<24} {passed}/{total} 통과")
    for error in getattr(terminalreporter.config, "_selfcheck_errors", []):
        terminalreporter.write_line(f"  (노트북 {error})")
