# Released to students beside each notebook: a copy of nnbasics/release_kit/selfcheck_notebook.py,
# made by `make release`. Edit that file, not a copy.
"""A saved notebook's code, run without Jupyter (for ``pytest`` in the assignment folder)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import warnings
from pathlib import Path

try:  # inside the nnbasics package (grading)
    from . import selfcheck_wording as wording
    from .selfcheck_protocol import short
except ImportError:  # beside a student's notebook
    import selfcheck_wording as wording
    from selfcheck_protocol import short


def is_test_cell(cell: dict) -> bool:
    """An nbgrader autograded test cell (graded, not a solution): it holds checks, not the student's code.

    The same rule as ``nbgrader.utils.is_grade(cell) and not is_solution(cell)``,
    written out because students have no nbgrader.
    """
    meta = (cell.get("metadata") or {}).get("nbgrader") or {}
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def notebook_code_cells(notebook: dict):
    """(grade_id or None, source) of the code cells a student's namespace is built from."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code" or is_test_cell(cell):
            continue
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        source = cell.get("source", "")
        yield meta.get("grade_id"), "".join(source) if isinstance(source, list) else source


MAX_NOTEBOOK_BYTES = 16 * 2**20  # a file bigger than this beside the checks is not read for names


def exercise_names(folder) -> set[str]:
    """The exercises of the notebooks in ``folder``: the grade_ids of their solution cells.

    They come from the release's nbgrader metadata, not from what the student defined, so a
    helper the student names ``relu_scalar`` does not take the checks ``test_relu_scalar_*``.
    """
    names = set()
    for path in Path(folder).glob("*.ipynb"):
        try:
            if path.stat().st_size > MAX_NOTEBOOK_BYTES:
                continue
            notebook = json.loads(path.read_text(encoding="utf-8"))
            cells = notebook.get("cells", []) if isinstance(notebook, dict) else []
        except (OSError, ValueError):
            continue
        for cell in cells:
            meta = ((cell.get("metadata") or {}).get("nbgrader") or {}) if isinstance(cell, dict) else {}
            if cell.get("cell_type") == "code" and meta.get("solution") and isinstance(meta.get("grade_id"), str):
                names.add(meta["grade_id"])
    return names


def cell_label(grade_id: str | None, source: str) -> str:
    """A cell as the student sees it: its exercise, or its first line of code."""
    if grade_id:
        return wording.CELL_NAMED.format(name=grade_id)
    lines = [line.strip() for line in source.splitlines() if line.strip() and not line.strip().startswith("#")]
    return wording.CELL_STARTING.format(line=short(lines[0], 50) if lines else "")


def load_notebook(path) -> tuple[dict, list[str]]:
    """Execute a saved notebook's code cells (no kernel); return (namespace, cell errors)."""
    path = Path(path)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    os.environ.setdefault("MPLBACKEND", "Agg")
    namespace = {"__name__": "__main__"}
    errors = []
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        for index, (grade_id, source) in enumerate(notebook_code_cells(notebook)):
            try:
                with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    exec(compile(source, f"<cell {grade_id or index}>", "exec"), namespace)
            except BaseException as error:
                if isinstance(error, KeyboardInterrupt):
                    raise
                errors.append(wording.CELL_ERROR.format(cell=cell_label(grade_id, source),
                                                        kind=type(error).__name__, message=short(error)))
    finally:
        os.chdir(cwd)
    return namespace, errors
