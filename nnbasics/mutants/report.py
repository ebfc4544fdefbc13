"""`nnbasics mutants <a>`: would the graders notice? Mutants made, sifted, graded and reported."""

from __future__ import annotations

import dataclasses
import random
import tempfile
import time
from pathlib import Path

from nnbasics.course import assignments, grade_id, is_solution_cell, read_notebook, solution_names
from nnbasics.mutants import equivalence
from nnbasics.mutants.generate import Mutant, cell_source, mutants
from nnbasics.mutants.grade import grade

TARGET = 0.95  # share of non-equivalent mutants an exercise's graders must catch


@dataclasses.dataclass
class Exercise:
    name: str
    equivalence: str               # how equivalence was decided, in the report's words
    mutants: list[Mutant]
    equivalent: list[Mutant]
    graded: list[Mutant]           # the non-equivalent ones graded (all, or a sample of --limit)
    non_equivalent: int            # before sampling
    caught: dict[str, bool | None] = dataclasses.field(default_factory=dict)

    @property
    def survivors(self) -> list[Mutant]:
        return [m for m in self.graded if self.caught.get(m.ident) is False]

    @property
    def failed(self) -> list[Mutant]:
        return [m for m in self.graded if self.caught.get(m.ident) is None]

    @property
    def score(self) -> float | None:
        judged = len(self.graded) - len(self.failed)
        return (judged - len(self.survivors)) / judged if judged else None


def sample(found: list[Mutant], limit: int | None, seed: int, name: str) -> list[Mutant]:
    """At most ``limit`` mutants, the same ones for the same seed and source, in generation order."""
    if limit is None or len(found) <= limit:
        return found
    chosen = random.Random(f"{seed}:{name}").sample(found, limit)
    return sorted(chosen, key=lambda m: m.number)


def sift(root: Path, assignment: str, names: list[str] | None = None, limit: int | None = None,
         seed: int = 0) -> list[Exercise]:
    """Every exercise's mutants, equivalent ones set apart, the rest (or a sample) to grade."""
    notebook_path = root / "source" / assignment / f"{assignment}.ipynb"
    exercises = []
    for cell in read_notebook(notebook_path)["cells"]:
        name = grade_id(cell)
        if not is_solution_cell(cell) or (names and name not in names):
            continue
        found = mutants(name, cell_source(cell))
        contract, how = equivalence.contract_for(root, assignment, name)
        itself = contract and equivalence.check(notebook_path, name, contract, cell_source(cell))
        if itself:  # the check cannot tell the reference from itself: it would judge nothing
            contract, how = None, f"not checked (the reference differs from itself: {itself})"
        equivalent = [m for m in found if contract is not None
                      and equivalence.check(notebook_path, name, contract, m.source) is None]
        rest = [m for m in found if m not in equivalent]
        exercises.append(Exercise(name, how, found, equivalent,
                                  sample(rest, limit, seed, name), len(rest)))
    return exercises


def run(root: Path, assignment: str, names: list[str] | None = None, limit: int | None = None, seed: int = 0,
        jobs: int = 2, scratch: Path | None = None, say=print) -> list[Exercise]:
    """Sift, then grade every chosen mutant of the assignment in one scratch class."""
    exercises = sift(root, assignment, names, limit, seed)
    todo = [m for e in exercises for m in e.graded]
    say(f"{assignment}: {sum(len(e.mutants) for e in exercises)} mutants, "
        f"{sum(len(e.equivalent) for e in exercises)} equivalent, grading {len(todo)}")
    with tempfile.TemporaryDirectory(prefix="nnbasics-mutants-") as temporary:
        caught = grade(root, assignment, todo, scratch or Path(temporary), jobs=jobs, say=say)
    for exercise in exercises:
        exercise.caught = {m.ident: caught[m.ident] for m in exercise.graded}
    return exercises


def _percent(score: float | None) -> str:
    return "-" if score is None else f"{100 * score:.1f} %"


def _mutant_lines(m: Mutant, note: str = "") -> list[str]:
    return [f"  {m.ident} [{m.operator}]{note}", *(f"      {line}" for line in m.diff)]


def render(assignment: str, exercises: list[Exercise], limit: int | None, seed: int, seconds: float) -> str:
    graded = sum(len(e.graded) - len(e.failed) for e in exercises)
    caught = graded - sum(len(e.survivors) for e in exercises)
    lines = [f"Mutants of {assignment}'s reference solutions, graded by its hidden graders "
             f"({'every non-equivalent mutant' if limit is None else f'at most {limit} per exercise, seed {seed}'};"
             f" {seconds:.0f} s). Caught: lost points on its own exercise.", "",
             f"{'exercise':<22}{'caught / non-equivalent':>24}{'score':>9}{'equivalent':>12}  equivalence"]
    for e in exercises:
        judged = len(e.graded) - len(e.failed)
        sampled = f" (a sample of {len(e.graded)} of {e.non_equivalent} graded)" if len(e.graded) < e.non_equivalent \
            else ""
        lines.append(f"{e.name:<22}{judged - len(e.survivors):>14} / {judged:<7}{_percent(e.score):>9}"
                     f"{len(e.equivalent):>12}  {e.equivalence}{sampled}")
    lines.append(f"{'all':<22}{caught:>14} / {graded:<7}{_percent(caught / graded if graded else None):>9}"
                 f"{sum(len(e.equivalent) for e in exercises):>12}")
    for e in exercises:
        below = e.score is not None and e.score < TARGET
        if e.survivors:
            lines += ["", f"Survivors of {e.name} (full marks on test_{e.name}){' — below 95 %' if below else ''}:"]
            note = "" if e.equivalence.startswith("checked") else " (equivalence not checked: read it)"
            for m in e.survivors:
                lines += _mutant_lines(m, note)
        if e.failed:
            lines += ["", f"Not graded (grading failed) for {e.name}:"]
            for m in e.failed:
                lines += _mutant_lines(m)
    equivalent = [m for e in exercises for m in e.equivalent]
    if equivalent:
        lines += ["", "Equivalent (their contract's inputs cannot tell them from the reference; not graded):"]
        for m in equivalent:
            lines += _mutant_lines(m)
    return "\n".join(lines) + "\n"


def main(root: Path, assignment: str, names: list[str] | None, limit: int | None, seed: int, jobs: int) -> int:
    if assignment not in assignments(root):
        print(f"no such assignment under source/: {assignment}")
        return 2
    notebook = read_notebook(root / "source" / assignment / f"{assignment}.ipynb")
    unknown = set(names or ()) - set(solution_names(notebook))
    if unknown:
        print(f"no solution cell named {', '.join(sorted(unknown))} in {assignment}")
        return 2
    started = time.monotonic()
    exercises = run(root, assignment, names, limit, seed, jobs)
    text = render(assignment, exercises, limit, seed, time.monotonic() - started)
    out = root / "reports" / f"{assignment}-mutants.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text + f"\nwritten to {out}")
    return 0
