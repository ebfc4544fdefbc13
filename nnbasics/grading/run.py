"""Run one notebook's hidden grader modules with pytest, in this process."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from nnbasics.grading.plugin import GradingPlugin
from nnbasics.grading.results import ModuleResult

PYTEST_INI = Path(__file__).with_name("pytest.ini")
UNUSED_PLUGINS = ["cacheprovider", "terminal", "doctest", "junitxml", "pastebin", "stepwise", "setuponly",
                  "setupplan", "unittest", "debugging", "faulthandler", "logging", "legacypath", "tmpdir",
                  "monkeypatch", "recwarn", "pytester", "unraisableexception", "threadexception"]


class GraderError(Exception):
    """The graders themselves could not run (a course problem, not the student's)."""


def run_graders(sandbox, modules: list[Path], reference, *, secret: str, student_id: str,
                log=None) -> dict[str, ModuleResult]:
    """Grade a student's executed notebook with ``modules``; results keyed by module stem."""
    plugin = GradingPlugin(sandbox, reference, secret=secret, student_id=student_id)
    root = os.path.commonpath([str(m.parent) for m in modules])
    args = [*map(str, modules), "-c", str(PYTEST_INI), "--rootdir", root, "--import-mode=importlib",
            "--capture=no", "--strict-markers", "-W", "ignore::DeprecationWarning",
            *[arg for p in UNUSED_PLUGINS for arg in ("-p", f"no:{p}")]]  # a grading run has no use for them
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = pytest.main(args, plugins=[plugin])
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        raise GraderError(f"pytest exited with {code!r} on {[m.name for m in modules]}:\n{out.getvalue()}")
    if log is not None:
        for error in plugin.internal_errors:
            log.warning("A grader raised something other than CheckFailure (counted as failed): %s", error)
    for module in modules:
        plugin.results.setdefault(module.stem, ModuleResult())
    return plugin.results
