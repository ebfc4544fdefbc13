"""`nnbasics report <assignment>`: what the class got right and wrong, to read before the next lecture.

One self-contained HTML page (``reports/<assignment>.html`` in the course folder):

- per exercise, the class's score distribution (histogram), mean, median, full marks, zeros;
- the hidden grader tests most often failed, in the words the students saw: the results
  ``SandboxedAutograde`` stored as data in each autograded notebook's test cells;
- how many submissions were graded, and which students have no autograded notebook.

Scores come from the gradebook (nbgrader's API, so any ``db_url`` works, PostgreSQL too);
grader results come from ``autograded/<student>/<assignment>/*.ipynb`` (``grading/results.py``).
"""

from __future__ import annotations

import base64
import dataclasses
import html
import io
import json
import os
import statistics
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory

from nnbasics.configuration import course_directory, sqlite_file
from nnbasics.course import grade_id
from nnbasics.gradebook import submission_scores
from nnbasics.grading import results, wording
from nnbasics.grading.results import ModuleResult, TestResult
from nnbasics.similarity import similarity_page
from nnbasics.term import late

EXAMPLE_HEAD, EXAMPLE_TAIL = 200, 140  # a long message keeps its start (what) and end (largest difference)
EXAMPLES = 2


class NoGradebook(Exception):
    pass


@dataclasses.dataclass
class Exercise:
    name: str  # the test cell's grade_id, test_<name>
    max_score: float
    scores: list[float] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Failure:
    """One grader test (exercise, property) and the students who failed it."""

    exercise: str
    wording: str
    students: int = 0
    not_implemented: int = 0  # of them, failed because the stub was left as released
    examples: list[str] = dataclasses.field(default_factory=list)

    @property
    def attempted(self) -> int:
        return self.students - self.not_implemented


@dataclasses.dataclass
class ClassResults:
    assignment: str
    exercises: list[Exercise]
    totals: list[float]
    max_total: float
    graded: list[str]  # students with a gradebook submission
    autograded: int  # students with an autograded notebook
    without_notebook: dict[str, str]  # student → why there is no autograded notebook
    failures: list[Failure]


def read_gradebook(db_url: str, course_id: str,
                   assignment: str) -> tuple[list[Exercise], dict[str, dict[str, float]], list[str]]:
    """Exercises (notebook order), student → {exercise: score}, and every student in the gradebook."""
    # The course's own id: nbgrader adds a row for any course id it is given that is not there yet.
    with Gradebook(db_url, course_id=course_id) as gb:
        exercises = [Exercise(cell.name, cell.max_score)
                     for notebook in gb.find_assignment(assignment).notebooks for cell in notebook.grade_cells]
        scores = submission_scores(gb, assignment)
        roster = sorted(student.id for student in gb.students)
    return exercises, scores, roster


def results_by_exercise(notebook: dict, exercises: set[str]) -> dict[str, ModuleResult]:
    """Test cell grade_id → the grader results stored in it."""
    found = {}
    for cell in notebook.get("cells", []):
        name = grade_id(cell)
        result = results.read(cell) if name in exercises else None
        if result is not None:
            found[name] = result
    return found


def failed_tests(result: ModuleResult) -> list[TestResult]:
    """The failed grader tests; a broken limit counts as one more, in the feedback's words."""
    failed = [t for t in result.tests if not t.passed]
    if result.aborted:
        line = wording.ABORTED.format(reason=results.cut(result.aborted)).removeprefix("  ✗ ")
        failed.insert(0, TestResult(name="aborted", description=line, weight=0, passed=False))
    return failed


def truncate(text: str, head: int = EXAMPLE_HEAD, tail: int = EXAMPLE_TAIL) -> str:
    if len(text) <= head + tail + 3:
        return text
    return f"{text[:head].rstrip()} … {text[-tail:].lstrip()}"


def tally_failures(notebooks: dict[str, list[Path]], exercises: set[str]) -> list[Failure]:
    """Per (exercise, property): how many students failed it; failures of students' own code rank first."""
    tally: dict[tuple[str, str], Failure] = {}
    for paths in notebooks.values():
        failed_by_student: dict[tuple[str, str], TestResult] = {}
        for path in paths:
            notebook = json.loads(path.read_text(encoding="utf-8"))
            for exercise, result in results_by_exercise(notebook, exercises).items():
                for test in failed_tests(result):
                    failed_by_student.setdefault((exercise, test.description), test)
        for key, test in failed_by_student.items():
            failure = tally.setdefault(key, Failure(*key))
            failure.students += 1
            if test.not_implemented:
                failure.not_implemented += 1
            elif test.message and len(failure.examples) < EXAMPLES:
                failure.examples.append(truncate(results.cut(test.message)))
    # A stub left as released says nothing about what was misunderstood: rank by the others.
    return sorted(tally.values(), key=lambda f: (-f.attempted, -f.students, f.exercise, f.wording))


def autograded_notebooks(course: CourseDirectory, assignment: str, students: list[str]) -> dict[str, list[Path]]:
    """Student → their autograded notebooks (only students who have at least one)."""
    found = {}
    for student in students:
        paths = sorted(Path(course.format_path(course.autograded_directory, student, assignment)).glob("*.ipynb"))
        if paths:
            found[student] = paths
    return found


def collect(root: Path, assignment: str, db_url: str | None = None) -> ClassResults:
    course = course_directory(root)
    db_url = db_url or course.db_url
    database = sqlite_file(db_url)
    if database and not database.exists():  # nbgrader would create an empty one
        raise NoGradebook(f"no gradebook at {database}")
    exercises, scores, roster = read_gradebook(db_url, course.course_id, assignment)
    names = {e.name for e in exercises}
    graded = sorted(scores)
    for exercise in exercises:
        exercise.scores = [scores[s].get(exercise.name, 0.0) or 0.0 for s in graded]
    notebooks = autograded_notebooks(course, assignment, roster)
    without_notebook = {s: "in the gradebook, but no autograded notebook" if s in scores else "no submission"
                  for s in roster if s not in notebooks}
    return ClassResults(
        assignment=assignment, exercises=exercises,
        totals=[sum(v or 0.0 for v in scores[s].values()) for s in graded],
        max_total=sum(e.max_score for e in exercises), graded=graded, autograded=len(notebooks),
        without_notebook=without_notebook,
        failures=tally_failures(notebooks, names))


def histogram_png(scores: list[float], max_score: float, title: str) -> str:
    """A histogram as base64 PNG; zero and full marks get bars of their own (red, green)."""
    width = max_score / 10
    edges = [width * (i - 0.5) for i in range(12)]  # bins centred on 0, 0.1·max, ..., max
    figure = Figure(figsize=(4.2, 2.4), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    _, _, bars = axes.hist(scores, bins=edges, color="#4c78a8", edgecolor="white")
    bars[0].set_facecolor("#d62728")
    bars[-1].set_facecolor("#2ca02c")
    axes.set_title(title, fontsize=10)
    axes.set_xlabel(f"score (of {max_score:g})", fontsize=9)
    axes.set_ylabel("students", fontsize=9)
    axes.set_xlim(edges[0], edges[-1])
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(labelsize=8)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def distribution_html(title: str, scores: list[float], max_score: float) -> str:
    n = len(scores)
    if not n:
        return f"<section class=card><h3>{html.escape(title)}</h3><p>no scores</p></section>"
    full = sum(s >= max_score for s in scores)
    zero = sum(s <= 0 for s in scores)
    return (
        f"<section class=card><h3>{html.escape(title)}</h3>"
        f'<img alt="score histogram of {html.escape(title)}" '
        f'src="data:image/png;base64,{histogram_png(scores, max_score, title)}">'
        f"<table class=stats><tr><th>points</th><td>{max_score:g}</td></tr>"
        f"<tr><th>mean</th><td>{statistics.mean(scores):.2f}</td></tr>"
        f"<tr><th>median</th><td>{statistics.median(scores):.2f}</td></tr>"
        f"<tr><th>full marks</th><td>{full} of {n}</td></tr>"
        f"<tr><th>zero</th><td>{zero} of {n}</td></tr></table></section>")


def exercise_name(grade_id: str) -> str:
    return grade_id.removeprefix("test_")


def failures_table(failures: list[Failure]) -> str:
    rows = []
    for f in failures:
        examples = "".join(f"<div class=msg>{html.escape(m)}</div>" for m in f.examples)
        rows.append(f"<tr><td><code>{html.escape(exercise_name(f.exercise))}</code></td>"
                    f"<td>{html.escape(f.wording)}</td><td class=n>{f.students}</td>"
                    f"<td class=n>{f.not_implemented}</td><td>{examples}</td></tr>")
    return ("<table class=failures><tr><th>exercise</th><th>property (as students saw it)</th>"
            "<th>students failed</th><th>of them: not implemented</th><th>example messages</th></tr>"
            + "".join(rows) + "</table>")


def failures_html(failures: list[Failure], autograded: int) -> str:
    if not autograded:
        return "<p>No autograded notebooks found: nothing to say about failed grader tests.</p>"
    if not failures:
        return "<p>Every grader test was passed by every autograded student.</p>"
    attempted = [f for f in failures if f.attempted]
    stubs_only = [f for f in failures if not f.attempted]
    return ((failures_table(attempted) if attempted else "<p>Only unimplemented stubs failed grader tests.</p>")
            + (f"<details><summary>{len(stubs_only)} more grader tests failed only by stubs left as released"
               f"</summary>{failures_table(stubs_only)}</details>" if stubs_only else ""))


STYLE = """
body { font-family: system-ui, "Noto Sans KR", sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
.cards { display: flex; flex-wrap: wrap; gap: 1em; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 0.5em 1em; }
.card h3 { margin: 0.2em 0; font-family: monospace; }
details { margin-top: 1em; }
table { border-collapse: collapse; }
.stats th { text-align: left; font-weight: normal; color: #555; padding-right: 1em; }
.failures th, .failures td { border: 1px solid #ddd; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
.failures td.n { text-align: right; }
.msg { font-family: monospace; font-size: 0.85em; white-space: pre-wrap; color: #444; margin-bottom: 0.4em; }
"""


def similarity_link(page: Path | None, out: Path) -> str:
    """A link to ``nnbasics similarity``'s page for the assignment, when there is one."""
    if page is None:
        return ""
    href = html.escape(os.path.relpath(page, out.parent))
    return (f'<p><a href="{href}">Similarity between submissions</a> (<code>nnbasics similarity</code>): '
            "a reason to look, not a verdict.</p>")


def render(results: ClassResults, extra: str = "") -> str:
    a = html.escape(results.assignment)
    missing = "".join(f"<li><code>{html.escape(s)}</code>: {html.escape(why)}</li>"
                      for s, why in sorted(results.without_notebook.items()))
    cards = [distribution_html("total", results.totals, results.max_total)] if len(results.exercises) > 1 else []
    cards += [distribution_html(exercise_name(e.name), e.scores, e.max_score) for e in results.exercises]
    return (
        f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{a}: class report</title>"
        f"<style>{STYLE}</style></head><body><h1>{a}: class report</h1>"
        f"<p>Submissions graded (in the gradebook): <b>{len(results.graded)}</b>; "
        f"with an autograded notebook: <b>{results.autograded}</b>. "
        f"Students with no autograded notebook: <b>{len(results.without_notebook)}</b>"
        f"{':' if results.without_notebook else '.'}</p>"
        + (f"<ul>{missing}</ul>" if missing else "") + extra
        + "<h2>Scores per exercise</h2><p>Over every graded submission; red bar: 0, green bar: full marks.</p>"
        f"<div class=cards>{''.join(cards)}</div>"
        "<h2>Grader tests most often failed</h2>"
        "<p>From the grader results stored in the autograded notebooks, sorted by how many students failed "
        "each test with code of their own; “not implemented” counts stubs left as released.</p>"
        f"{failures_html(results.failures, results.autograded)}</body></html>\n")


def write_report(root: Path, assignment: str, out: Path | None = None, db_url: str | None = None) -> Path:
    out = out or root / "reports" / f"{assignment}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    link = similarity_link(similarity_page(root, assignment), out)
    class_results = collect(root, assignment, db_url)
    deadlines = late.report_section(root, assignment, db_url)  # due date, extensions, late work
    out.write_text(render(class_results, extra=link + deadlines), encoding="utf-8")
    return out


def main(root: Path, assignment: str, out: Path | None = None, db_url: str | None = None) -> int:
    try:
        path = write_report(root, assignment, out, db_url)
    except NoGradebook as error:
        print(f"{error}: autograde {assignment} first (nnbasics autograde {assignment})")
        return 1
    except MissingEntry:
        print(f"{assignment} is not in the gradebook: autograde it first (nnbasics autograde {assignment})")
        return 1
    print(path)
    return 0
