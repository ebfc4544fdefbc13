"""The pytest plugin that hidden graders run under (fixtures ``student``, ``reference``, ``rng``).

One ``GradingPlugin`` is registered per graded notebook. It gives each grader module a
fresh fork of the student's executed notebook (``student``), the reference solution
(``reference``), a per-student seeded generator (``rng``), and records every test's
outcome in student terms for the feedback.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from nnbasics.grading import wording
from nnbasics.grading.results import ModuleResult, TestResult
from nnbasics.release_kit.selfcheck import first_line
from nnbasics.release_kit.selfcheck_codec import TooLarge
from nnbasics.release_kit.selfcheck_protocol import CheckFailure


def seed_for(secret: str, student_id: str, test_id: str) -> int:
    """Inputs differ between students (no shared hard-coded answers) but are reproducible."""
    digest = hashlib.sha256(f"{secret}\0{student_id}\0{test_id}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


class GradingPlugin:
    def __init__(self, sandbox, reference, *, secret: str, student_id: str):
        self.sandbox = sandbox
        self._reference = reference
        self.secret = secret
        self.student_id = student_id
        self.results: dict[str, ModuleResult] = {}
        self.internal_errors: list[str] = []   # tracebacks of grader bugs, for the instructor's log

    # -- fixtures

    @pytest.fixture(scope="module")
    def student(self, request):
        result = self.results.setdefault(request.path.stem, ModuleResult())
        with self.sandbox.exercise() as student:
            yield student
        result.aborted = self.sandbox.aborted

    @pytest.fixture(scope="session")
    def reference(self):
        return self._reference

    @pytest.fixture
    def rng(self, request):
        seed = seed_for(self.secret, self.student_id, request.node.nodeid)
        request.node.user_properties.append(("seed", seed))  # reported with the test's outcome
        return np.random.default_rng(seed)

    # -- hooks

    def pytest_configure(self, config):
        config.addinivalue_line("markers", "weight(w): this grader test's share of its test cell's points")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item, call):
        """A report that carries the student's message instead of a traceback.

        Formatting pytest's own failure report costs more than running most graders.
        """
        if call.excinfo is not None and call.excinfo.errisinstance(pytest.skip.Exception):
            return None  # pytest's own report
        marker = item.get_closest_marker("weight")
        properties = [("weight", float(marker.args[0]) if marker else 1.0),
                      ("description", first_line(item.function)), *item.user_properties]
        message = None
        if call.excinfo is not None:
            message = _student_message(call.excinfo)
            properties.append(("message", message))
            if call.excinfo.errisinstance(CheckFailure) and call.excinfo.value.raised:
                properties.append(("raised", call.excinfo.value.raised))
            if not call.excinfo.errisinstance((CheckFailure, TooLarge)):
                self.internal_errors.append(f"{item.nodeid}:\n{call.excinfo.getrepr(style='short')}")
        return pytest.TestReport(item.nodeid, item.location, {}, "passed" if message is None else "failed",
                                 message, call.when, duration=call.duration, start=call.start, stop=call.stop,
                                 user_properties=properties)

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.failed:
            props = dict(report.user_properties)
            module = self.results.setdefault(Path(report.fspath).stem, ModuleResult())
            existing = [t for t in module.tests if t.name == report.head_line]
            if existing:  # a teardown failure after a pass
                existing[0].passed = existing[0].passed and report.passed
                return
            module.tests.append(TestResult(
                name=report.head_line, description=props.get("description", report.head_line),
                weight=props.get("weight", 1.0), passed=report.passed,
                message=props.get("message", ""), seed=props.get("seed"), raised=props.get("raised")))


def _student_message(excinfo) -> str:
    """What a student may read about a failure: a CheckFailure's text, else only its kind."""
    if excinfo.errisinstance(CheckFailure):
        return str(excinfo.value)
    # A grader raised something else: the student's answer had a type or shape the check
    # did not foresee. Never show grader code or inputs; name the exception only.
    return wording.UNCHECKABLE.format(kind=excinfo.typename)
