# Released to students beside each notebook: a copy of nnbasics/release_kit/conftest.py,
# made by `make release`. Edit that file, not a copy.
"""pytest plugin for the student self-check (자가 검사).

Run ``pytest`` in the assignment folder: it executes the saved notebook's code cells
(no Jupyter server needed) and runs ``public_checks.py`` against them, then prints one
line per exercise.
"""

import functools
from pathlib import Path

import pytest
import selfcheck
import selfcheck_wording as wording
from selfcheck_notebook import load_notebook

HERE = Path(__file__).parent
NOTEBOOK_ERRORS = pytest.StashKey[list]()


def _notebook() -> Path:
    notebooks = sorted(p for p in HERE.glob("*.ipynb") if not p.name.startswith("."))
    if len(notebooks) != 1:
        raise pytest.UsageError(wording.ONE_NOTEBOOK.format(found=[p.name for p in notebooks]))
    return notebooks[0]


@functools.cache
def _loaded() -> tuple[dict, list[str]]:
    """The notebook's namespace and cell errors, computed once per run."""
    path = _notebook()
    try:
        return load_notebook(path)
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        return {}, [wording.NOT_JSON.format(name=path.name, error=error)]


@pytest.fixture(scope="session")
def student():
    namespace, _ = _loaded()
    return selfcheck.Student.local(namespace)


def pytest_collection_modifyitems(config, items):
    namespace, errors = _loaded()
    config.stash[NOTEBOOK_ERRORS] = errors
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
    terminalreporter.section(wording.SUMMARY_SECTION)
    for exercise, (passed, total) in results.items():
        mark = "✓" if passed == total else "✗"
        terminalreporter.write_line(wording.SUMMARY_LINE.format(mark=mark, exercise=exercise, passed=passed,
                                                                total=total))
    for error in terminalreporter.config.stash.get(NOTEBOOK_ERRORS, []):
        terminalreporter.write_line(wording.NOTEBOOK_ERROR.format(error=error))
