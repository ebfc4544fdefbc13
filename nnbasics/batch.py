"""Autograde a whole class: check every submission first, grade, and say who was graded.

A submission that cannot be graded as handed in is the student's problem, never the
class's: a missing notebook gets a gradebook row with every exercise at 0; a file that
is not a notebook is graded as blank (see ``TolerantNotebookExporter``). Each gets a
message naming the student and the file.
"""

from __future__ import annotations

import dataclasses
import json
import time
import warnings
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning

from nnbasics.nbgrader_run import nbgrader


@dataclasses.dataclass
class Outcome:
    student: str
    graded: bool
    problem: str = ""


def _db_url(root: Path) -> str:
    return f"sqlite:///{root / 'gradebook.db'}"


def check_submission(folder: Path, notebooks: list[str]) -> list[str]:
    """Problems with one submission folder, each naming the file."""
    problems = []
    for name in notebooks:
        path = folder / f"{name}.ipynb"
        if not path.exists():
            problems.append(f"{path.name} is missing")
            continue
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            problems.append(f"{path.name} is not valid JSON ({error}); graded as blank")
    return problems


def record_zero(db_url: str, assignment: str, student: str) -> None:
    """Give a submission without its notebook a row with every exercise at 0."""
    with Gradebook(db_url) as gb, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own autoflush noise
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


def autograde(root: Path, assignment: str, *, log: Path, say=print) -> list[Outcome]:
    """Grade every ``submitted/<student>/<assignment>/`` into the gradebook; report each student."""
    started = time.monotonic()
    notebooks = sorted(p.stem for p in (root / "release" / assignment).glob("*.ipynb"))
    folders = sorted(p for p in (root / "submitted").glob(f"*/{assignment}") if p.is_dir())
    outcomes: dict[str, Outcome] = {}
    for folder in folders:
        student = folder.parent.name
        problems = check_submission(folder, notebooks)
        for problem in problems:
            say(f"  ! {student}: {assignment}/{problem}")
        if any("missing" in p for p in problems):
            record_zero(_db_url(root), assignment, student)
            outcomes[student] = Outcome(student, graded=False, problem="; ".join(problems))
    result = nbgrader(root, "autograde", assignment, "--force", log=log, check=False)
    with Gradebook(_db_url(root)) as gb:
        for folder in folders:
            student = folder.parent.name
            if student in outcomes:
                continue
            try:
                submission = gb.find_submission(assignment, student)
                graded = all(g.auto_score is not None for n in submission.notebooks for g in n.grades)
            except MissingEntry:
                graded = False
            autograded = (root / "autograded" / student / assignment).exists()
            outcomes[student] = Outcome(student, graded=graded and autograded,
                                        problem="" if graded and autograded else f"see {log}")
    done = [o for o in outcomes.values() if o.graded]
    say(f"{assignment}: graded {len(done)}, failed {len(outcomes) - len(done)} "
        f"of {len(outcomes)} submissions in {time.monotonic() - started:.1f} s"
        + ("" if result.returncode == 0 else f" (nbgrader reported errors: {log})"))
    return list(outcomes.values())
