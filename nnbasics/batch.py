"""Autograde a whole class: check every submission first, grade in parallel, say who was graded.

A submission that cannot be graded as handed in is the student's problem, never the
class's: a missing notebook gets a gradebook row with every exercise at 0; a file that
is not a notebook (or not a regular file) is graded as blank (see ``TolerantNotebookExporter``);
special and oversized files beside it are ignored (``intake.py``). Each gets a message
naming the student and the file. Grading itself is nbgrader's converter run per
student (``grade_one``) in worker processes, or on a Dask cluster with ``scheduler``.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import gc
import multiprocessing
import os
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm


@dataclasses.dataclass
class Outcome:
    student: str
    graded: bool
    problem: str = ""
    infrastructure: bool = False   # grading itself failed, not the student's submission


def check_submission(folder: Path, notebooks: list[str], intake=None,
                     root: Path | None = None) -> tuple[list[str], list[str]]:
    """Notebooks missing from one submission folder, and messages about what grading will
    ignore or grade as blank in it. Checked as grading checks it (``intake.py``): nothing is
    followed through a link, opened blocking, or read past its cap."""
    from nnbasics.nbgrader_ext.intake import NotRegular, SubmissionIntake, survey
    from nnbasics.nbgrader_ext.tolerant_exporter import read_notebook

    intake = intake or SubmissionIntake()
    missing, problems = [], []
    for name in notebooks:
        path = folder / f"{name}.ipynb"
        if not os.path.lexists(path):
            missing.append(path.name)
            continue
        try:
            _, notes = read_notebook(str(path), intake.notebook_limit, intake.cell_limit)
        except NotRegular as error:
            problems.append(f"{path.name} cannot be read: {error}; graded as blank")
        except ValueError as error:  # not JSON, not UTF-8
            problems.append(f"{path.name} is not valid JSON ({str(error)[:200]}); graded as blank")
        except Exception as error:  # JSON, but not a notebook
            problems.append(f"{path.name} is not a notebook ({type(error).__name__}); graded as blank")
        else:
            problems += [f"{path.name}: {note}" for note in notes]
    problems += [f"{path} ignored: {why}" for path, why in survey(str(folder), intake, root).ignored]
    return missing, problems


def record_zero(course: Path, assignment: str, student: str) -> None:
    """Give a submission without its notebook a row with every exercise at 0."""
    from sqlalchemy.exc import SAWarning

    from nnbasics.gradebook import open_gradebook

    with open_gradebook(course) as gb, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own autoflush noise
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


@contextlib.contextmanager
def _runner(jobs: int, scheduler: str | None) -> Iterator:
    """``run(function, argument tuples)`` → results as they complete, locally or on Dask."""
    if scheduler:
        from distributed import Client, as_completed

        with Client(scheduler) as client:
            yield lambda fn, calls: (f.result() for f in as_completed(
                [client.submit(fn, *args, pure=False) for args in calls]))
        return
    # Forked from this process, which has nbgrader imported and nothing open yet: workers
    # start in milliseconds instead of re-importing for seconds each. Frozen, what was
    # imported is never scanned by the workers' garbage collector (nor copied on write).
    gc.freeze()
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield lambda fn, calls: (f.result() for f in concurrent.futures.as_completed(
            [pool.submit(fn, *args) for args in calls]))


def _warm_up() -> None:
    """What every grading process needs, started or imported once before the workers are forked.

    The zygote goes first: it imports numpy and matplotlib on another core while this
    process imports nbgrader, and the workers share it.
    """
    from nnbasics.sandbox.client import zygote

    zygote()
    import nbgrader.apps  # noqa: F401
    import pytest  # noqa: F401
    from IPython.core import inputtransformer2  # noqa: F401

    import nnbasics.grade_one
    import nnbasics.nbgrader_ext.sandboxed_autograde  # noqa: F401


def autograde(root: Path, assignment: str, *, log: Path, jobs: int | None = None,
              scheduler: str | None = None, say=print) -> list[Outcome]:
    """Grade every ``submitted/<student>/<assignment>/`` into the gradebook; report each student."""
    started = time.monotonic()
    if not scheduler:
        _warm_up()
    from nnbasics.grade_one import grade_one, load_config  # imports nbgrader: after the zygote has started
    from nnbasics.nbgrader_ext.intake import SubmissionIntake

    root = Path(root).resolve()
    intake = SubmissionIntake(config=load_config(str(root)))
    notebooks = sorted(p.stem for p in (root / "release" / assignment).glob("*.ipynb"))
    folders = sorted(p for p in (root / "submitted").glob(f"*/{assignment}") if p.is_dir())
    outcomes: dict[str, Outcome] = {}
    problems: dict[str, list[str]] = {}
    for folder in folders:
        student = folder.parent.name
        missing, found = check_submission(folder, notebooks, intake, root)
        problems[student] = [f"{name} is missing" for name in missing] + found
        for problem in problems[student]:
            say(f"  ! {student}: {assignment}/{problem}")
        if missing:
            record_zero(root, assignment, student)
            outcomes[student] = Outcome(student, graded=False, problem="; ".join(problems[student]))
    todo = [f.parent.name for f in folders if f.parent.name not in outcomes]
    jobs = jobs or os.cpu_count() or 1
    with open(log, "a", encoding="utf-8") as out, _runner(jobs, scheduler) as run, \
            tqdm(total=len(todo), unit="submission", disable=None) as bar:
        for result in run(grade_one, [(str(root), assignment, s) for s in todo]):
            out.write(f"\n== {assignment} / {result['student']} ({result['seconds']:.2f} s)\n{result['log']}"
                      f"{result['error']}")
            if not result["success"]:
                say(f"  ✗ {result['student']}: grading failed (infrastructure): "
                    f"{(result['error'] or 'see the log').strip().splitlines()[-1][:200]}")
            outcomes[result["student"]] = Outcome(result["student"], graded=result["success"],
                                                  problem="; ".join(problems[result["student"]]),
                                                  infrastructure=not result["success"])
            bar.update()
    # A submission without its notebook still has its gradebook row (every exercise 0): counted as
    # graded, apart; "failed" is grading itself failing (infrastructure), never the student's doing.
    zeros = [o for o in outcomes.values() if not o.graded and not o.infrastructure]
    failed = [o for o in outcomes.values() if o.infrastructure]
    say(f"{assignment}: graded {len(outcomes) - len(failed)}"
        + (f" ({len(zeros)} without a notebook: a row of zeros)" if zeros else "")
        + f", failed {len(failed)} of {len(outcomes)} submissions in {time.monotonic() - started:.1f} s"
        + (f" ({jobs} jobs)" if not scheduler else f" (Dask scheduler {scheduler})") + f"; log: {log}")
    return sorted(outcomes.values(), key=lambda o: o.student)
