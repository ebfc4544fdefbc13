# Released to students beside each notebook: a copy of nnbasics/release_kit/conftest.py,
# made by `make release`. Edit that file, not a copy.
"""pytest plugin for the student self-check (자가 검사).

Run ``pytest`` in the assignment folder: it executes the saved notebook's code cells
(no Jupyter server needed) and runs ``public_checks.py`` against them, then prints, per
exercise, its result and each failed check once, in full (expected and got).
"""

import functools
from pathlib import Path

import pytest
import selfcheck
import selfcheck_wording as wording
from selfcheck_notebook import exercise_names, load_notebook

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
    _, errors = _loaded()
    config.stash[NOTEBOOK_ERRORS] = errors
    names = exercise_names(HERE)  # the release's exercises, not what the notebook defined
    for item in items:
        item.user_properties.append(("exercise", selfcheck.exercise_of(item.name, names) or "?"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is None or report.passed:
        return
    if call.excinfo.errisinstance(selfcheck.CheckFailure):
        line = wording.CHECK_FAILED.format(description=selfcheck.first_line(item.function), message=call.excinfo.value)
    else:  # a bug in a check, or an error outside it: one line, not a traceback
        line = wording.CHECK_CRASHED.format(description=selfcheck.first_line(getattr(item, "function", item)),
                                            error=selfcheck.short(call.excinfo.exconly(), 300))
    report.user_properties.append(("failure", line))
    report.longrepr = line  # --tb=no (pytest.ini) prints nothing of it; a plugin that asks gets this


def pytest_terminal_summary(terminalreporter):
    results: dict[str, dict] = {}
    for outcome in ("passed", "failed", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if report.when != "call" and outcome != "error":
                continue
            properties = dict(report.user_properties)
            result = results.setdefault(properties.get("exercise", "?"), {"passed": 0, "total": 0, "failures": []})
            result["passed"] += outcome == "passed"
            result["total"] += 1
            if "failure" in properties:
                result["failures"].append(properties["failure"])
    if not results:
        return
    terminalreporter.section(wording.SUMMARY_SECTION)
    for exercise, result in results.items():
        mark = "✓" if result["passed"] == result["total"] else "✗"
        terminalreporter.write_line(wording.SUMMARY_LINE.format(mark=mark, exercise=exercise, passed=result["passed"],
                                                                total=result["total"]))
        for failure in result["failures"]:
            terminalreporter.write_line(failure)
    for error in terminalreporter.config.stash.get(NOTEBOOK_ERRORS, []):
        terminalreporter.write_line(wording.NOTEBOOK_ERROR.format(error=error))
    if all(result["passed"] == result["total"] for result in results.values()):
        terminalreporter.write_line(wording.SUMMARY_ALL_PASSED)
