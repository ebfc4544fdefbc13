"""The reference solution: the source notebook's given and solution cells, run here once."""

from __future__ import annotations

import contextlib
import io
import json
import os
import types
import warnings
from functools import cache
from pathlib import Path

from nnbasics.course import is_given_cell, is_solution_cell


def reference_cells(notebook: dict):
    """Sources of the cells that make up the reference: locked code and solution cells."""
    for cell in notebook["cells"]:
        if is_solution_cell(cell) or is_given_cell(cell):
            source = cell["source"]
            yield "".join(source) if isinstance(source, list) else source


@cache
def _load(path: str, mtime: float) -> types.SimpleNamespace:
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    namespace: dict = {"__name__": "reference"}
    cwd = os.getcwd()
    os.chdir(Path(path).parent)
    try:
        for source in reference_cells(notebook):
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(source, path, "exec"), namespace)
    finally:
        os.chdir(cwd)
    return types.SimpleNamespace(**{k: v for k, v in namespace.items() if not k.startswith("__")})


def load_reference(notebook_path) -> types.SimpleNamespace:
    """The reference namespace of a source notebook (cached while the file is unchanged)."""
    path = os.path.abspath(notebook_path)
    return _load(path, os.path.getmtime(path))
