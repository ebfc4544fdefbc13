"""Autograde one student's submission with nbgrader's own converter, in this process.

This is the unit of work that ``nnbasics autograde`` hands to its worker processes or
to a Dask cluster: the same ``Autograde`` converter and configuration that
``nbgrader autograde`` uses, so scores, feedback inputs and autograded notebooks are
the same. Each process loads the course configuration once and keeps it.
"""

from __future__ import annotations

import os
import time
import warnings
from functools import cache
from pathlib import Path

from sqlalchemy.exc import SAWarning

from nnbasics.configuration import load_config
from nnbasics.nbgrader_run import nbgrader_env


@cache
def _api(root: str):
    """nbgrader's API for the course at ``root`` (this process then works in ``root``)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    os.environ["PATH"] = nbgrader_env()["PATH"]
    os.chdir(root)
    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own autoflush noise
    config = load_config(root)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def grade_one(root: str, assignment: str, student: str) -> dict:
    """Autograde ``submitted/<student>/<assignment>``; returns success, seconds and nbgrader's log."""
    started = time.monotonic()
    try:
        result = _api(str(Path(root).resolve())).autograde(assignment, student, force=True, create=True)
    except Exception as error:  # anything nbgrader let through is an infrastructure failure
        result = {"success": False, "error": f"{type(error).__name__}: {error}", "log": ""}
    return {"student": student, "success": bool(result.get("success")), "seconds": time.monotonic() - started,
            "log": result.get("log") or "", "error": result.get("error") or ""}
