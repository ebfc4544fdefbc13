"""Reading submitted notebooks as data: bounded, never following links, never running code."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

NOTEBOOK_BYTES = 16 * 2**20  # the sandbox's file_limit: a larger file is no one's notebook
# A solution cell longer than this is padding, not an answer (the longest reference cell, TwoLayerNet,
# has ~1 700 characters); comparing one costs memory in proportion to its length times the class size.
CELL_CHARS = 20_000


class Unreadable(Exception):
    """Why a notebook cannot be compared, in words for the instructor."""


@dataclasses.dataclass
class Submission:
    student: str
    code: dict[str, str]  # grade_id → the solution cell's source, for the release's solution cells found


def cell_source(cell: dict) -> str:
    """A cell's source as one string; nbformat allows a string or a list of strings."""
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        source = "".join(source)
    if not isinstance(source, str):
        raise Unreadable("a cell's source is neither text nor a list of lines")
    return source


def solution_cells(notebook: object) -> dict[str, str]:
    """grade_id → source of each code cell nbgrader marks as a solution (the first of duplicated ids)."""
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise Unreadable("not a notebook (no list of cells)")
    found: dict[str, str] = {}
    for cell in notebook["cells"]:
        metadata = cell.get("metadata") if isinstance(cell, dict) else None
        nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
        if not isinstance(nbgrader, dict) or nbgrader.get("solution") is not True:
            continue
        name = nbgrader.get("grade_id")
        if isinstance(name, str) and cell.get("cell_type") == "code" and name not in found:
            found[name] = cell_source(cell)
    return found


def read_bounded(path: Path, limit: int = NOTEBOOK_BYTES) -> bytes:
    """The file's bytes, refusing links, non-regular files and files over ``limit`` bytes."""
    try:
        # O_NOFOLLOW: a link planted as the notebook is refused by the open itself, not by a check
        # that could be raced; O_NONBLOCK: a FIFO does not hang the open.
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise Unreadable(f"no {path.name}") from None
    except OSError:
        if path.is_symlink():
            raise Unreadable(f"{path.name} is a symbolic link (not followed)") from None
        raise Unreadable(f"{path.name} cannot be opened") from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable(f"{path.name} is not a regular file")
        if status.st_size > limit:
            raise Unreadable(f"{path.name} is larger than {limit // 2**20} MiB")
        data = file.read(limit + 1)
    if len(data) > limit:  # grew while being read
        raise Unreadable(f"{path.name} is larger than {limit // 2**20} MiB")
    return data


def read_submission(folder: Path, notebook_name: str, expected: list[str]) -> dict[str, str]:
    """The solution cells of ``folder/notebook_name`` that the release has (``expected`` grade_ids)."""
    if folder.is_symlink():
        raise Unreadable("the assignment folder is a symbolic link (not followed)")
    if not folder.is_dir():
        raise Unreadable("no assignment folder")
    try:
        notebook = json.loads(read_bounded(folder / notebook_name))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise Unreadable(f"{notebook_name} is not JSON") from None
    cells = solution_cells(notebook)
    code = {name: cells[name] for name in expected if name in cells}
    if not code:
        raise Unreadable(f"{notebook_name} has none of the release's solution cells ({', '.join(expected)})")
    for name, source in code.items():
        if len(source) > CELL_CHARS:
            raise Unreadable(f"solution cell {name} is longer than {CELL_CHARS:,} characters")
    return code


def read_class(root: Path, assignment: str, expected: list[str]) -> tuple[list[Submission], dict[str, str]]:
    """Every student's solution cells, and student → why their notebook is not compared."""
    submitted = root / "submitted"
    compared, not_compared = [], {}
    for student_folder in sorted(submitted.iterdir()) if submitted.is_dir() else []:
        if student_folder.is_symlink():
            not_compared[student_folder.name] = "the student's folder is a symbolic link (not followed)"
            continue
        if not student_folder.is_dir():
            continue
        try:
            code = read_submission(student_folder / assignment, f"{assignment}.ipynb", expected)
        except Unreadable as reason:
            if (student_folder / assignment).exists() or (student_folder / assignment).is_symlink():
                not_compared[student_folder.name] = str(reason)
            continue  # a student with no folder for this assignment did not submit it
        compared.append(Submission(student_folder.name, code))
    return compared, not_compared
