"""The course folder: which assignments exist, where their files are, and notebook edits."""

from __future__ import annotations

import copy
import json
from pathlib import Path

ASSIGNMENTS = ["ps1_gates", "ps2_activations", "ps3_forward", "ps4_loss_gradient",
               "ps5_perceptron_learning", "ps6_backprop"]


def assignments(root: Path) -> list[str]:
    """The course's assignments that exist under ``source/``, in teaching order."""
    return [a for a in ASSIGNMENTS if (root / "source" / a / f"{a}.ipynb").exists()]


def read_notebook(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_notebook(notebook: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def grade_id(cell: dict) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def solution_names(notebook: dict) -> list[str]:
    """The graded names: grade_ids of the solution cells, in notebook order."""
    return [grade_id(c) for c in notebook["cells"]
            if c.get("metadata", {}).get("nbgrader", {}).get("solution")]


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


def answer_files(root: Path, assignment: str, name: str, kind: str) -> list[Path]:
    """Catalogue answers ``tests/answers/<a>/<name>/<kind>_*.py`` (kind: right or wrong)."""
    return sorted((root / "tests" / "answers" / assignment / name).glob(f"{kind}_*.py"))
