"""A grader module's result as data: what every grader test found, for feedback, reports and exports.

``ModuleResult`` renders the feedback text a student reads (``feedback``) and travels
as plain data (``to_dict``) in the autograded notebook, in the metadata of the test
cell's score output (``attach``), where nbgrader's preprocessors and
``generate_feedback`` leave it alone. ``nnbasics report`` and exports read it back with
``read``; nobody parses feedback text.
"""

from __future__ import annotations

import dataclasses

from nnbasics.grading import wording

METADATA_KEY = "nnbasics"  # of the score output's metadata
FORMAT = 1                 # of the stored data; raise it when a field changes meaning
MESSAGE_CHARS = 500        # of one failure message: it can carry names the student's code chose


def cut(text: str, limit: int = MESSAGE_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


@dataclasses.dataclass
class TestResult:
    __test__ = False  # not a pytest test class

    name: str           # the grader test's function name
    description: str    # its docstring's first line: the property in student terms
    weight: float
    passed: bool
    message: str = ""   # on failure: what was expected and what was got
    seed: int | None = None
    raised: str | None = None  # the exception the student's code raised, when that was the failure

    @property
    def not_implemented(self) -> bool:
        """Failed because the stub was left as released."""
        return self.raised == "NotImplementedError"


@dataclasses.dataclass
class ModuleResult:
    tests: list[TestResult] = dataclasses.field(default_factory=list)
    aborted: str | None = None   # a limit the student's code broke: the exercise scores 0

    @property
    def fraction(self) -> float:
        total = sum(t.weight for t in self.tests)
        if self.aborted or total == 0:
            return 0.0
        return sum(t.weight for t in self.tests if t.passed) / total

    def score(self, max_points: float) -> float:
        return round(max_points * self.fraction, 4)

    def feedback(self, max_points: float) -> str:
        """The test cell's text: a summary line, then one line per grader test."""
        passed = sum(t.passed for t in self.tests)
        lines = [wording.SUMMARY.format(passed=passed, total=len(self.tests), points=self.score(max_points),
                                        max_points=max_points)]
        if self.aborted:
            lines.append(wording.ABORTED.format(reason=cut(self.aborted)))
        for test in self.tests:
            lines.append((wording.PASSED if test.passed else wording.FAILED).format(description=test.description))
            if not test.passed and test.message:
                lines.append(wording.MESSAGE.format(message=cut(test.message)))
        if not self.tests:
            lines.append(wording.NOTHING_RAN)
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        for test in data["tests"]:
            test["message"] = cut(test["message"])
        return {"format": FORMAT, **data}

    @classmethod
    def from_dict(cls, data: dict) -> ModuleResult:
        fields = {f.name for f in dataclasses.fields(TestResult)}
        return cls(tests=[TestResult(**{k: v for k, v in t.items() if k in fields}) for t in data["tests"]],
                   aborted=data.get("aborted"))


def score_outputs(result: ModuleResult, max_points: float) -> list[dict]:
    """A test cell's outputs: the feedback text, then the score (nbgrader reads the last
    ``execute_result``) carrying the result as data in its metadata."""
    points = result.score(max_points)
    return [
        {"output_type": "stream", "name": "stdout", "text": result.feedback(max_points)},
        {"output_type": "execute_result", "execution_count": None,
         "metadata": {METADATA_KEY: result.to_dict()}, "data": {"text/plain": repr(points)}},
    ]


def read(cell: dict) -> ModuleResult | None:
    """The result stored in a graded test cell, or None (a cell this course's grader did not write)."""
    for output in cell.get("outputs", []):
        data = (output.get("metadata") or {}).get(METADATA_KEY)
        if output.get("output_type") == "execute_result" and isinstance(data, dict) and data.get("format") == FORMAT:
            return ModuleResult.from_dict(data)
    return None
