"""The course folder: which assignments exist, where their files are, and notebook edits."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from nnbasics.release_kit import selfcheck_notebook


def _teaching_order(name: str) -> list:
    """``ps2_x`` before ``ps10_y``: numbers in a folder's name compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def assignments(root: Path) -> list[str]:
    """The course's assignments: folders ``source/<a>/`` holding ``<a>.ipynb``, in teaching order."""
    found = [p.parent.name for p in (Path(root) / "source").glob("*/*.ipynb") if p.stem == p.parent.name]
    return sorted(found, key=_teaching_order)


def read_notebook(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_notebook(notebook: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def is_test_cell(cell: dict) -> bool:
    """An autograded test cell: it holds checks, never the student's code (the kit decides it for both sides)."""
    return selfcheck_notebook.is_test_cell(cell)


def is_solution_cell(cell: dict) -> bool:
    """A cell the student writes: nbgrader's ``solution`` flag."""
    return cell.get("cell_type") == "code" and bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def is_given_cell(cell: dict) -> bool:
    """Code the release gives (imports, helpers): locked and not a test."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("locked")) and not meta.get("grade")


def grade_id(cell: dict) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def solution_names(notebook: dict) -> list[str]:
    """The graded names: grade_ids of the solution cells, in notebook order."""
    return [grade_id(c) for c in notebook["cells"] if is_solution_cell(c)]


def with_answers(notebook: dict, answers: dict[str, str]) -> dict:
    """A copy of ``notebook`` whose solution cells ``name`` hold ``answers[name]``."""
    result = copy.deepcopy(notebook)
    unknown = set(answers) - set(solution_names(result))
    if unknown:
        raise KeyError(f"no solution cell named {sorted(unknown)}")
    for cell in result["cells"]:
        if grade_id(cell) in answers:
            cell["source"] = answers[grade_id(cell)]
    return result


def answer_files(catalogue: Path, assignment: str, name: str, kind: str) -> list[Path]:
    """Answers ``<catalogue>/<a>/<name>/<kind>_*.py`` (kind: right or wrong) of a catalogue folder
    (the project's is ``tests/answers``)."""
    return sorted((Path(catalogue) / assignment / name).glob(f"{kind}_*.py"))
