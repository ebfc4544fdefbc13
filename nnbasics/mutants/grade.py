"""Mutants graded through the real pipeline: one scratch class, one student per mutant.

The scratch course is a copy of this one with ``release/`` and ``solutions/`` generated
for the one assignment (as the project's validity tests do); each mutant is the
reference notebook with that one solution cell replaced, submitted as its own student,
and the class is graded with ``nnbasics autograde``'s own function. A ``reference``
student is graded too: if it does not get full marks, nothing else can be read.
"""

from __future__ import annotations

from pathlib import Path

from nnbasics import batch
from nnbasics.course import grade_id, read_notebook, solution_names, with_answers, write_notebook
from nnbasics.gradebook import scores
from nnbasics.mutants.generate import Mutant
from nnbasics.release import copy_course, generate


def max_points(notebook: dict) -> dict[str, float]:
    """Test cell grade_id → its points."""
    return {grade_id(c): float(c["metadata"]["nbgrader"]["points"]) for c in notebook["cells"]
            if c["metadata"].get("nbgrader", {}).get("grade") and not c["metadata"]["nbgrader"].get("solution")}


def student_id(mutant: Mutant) -> str:
    return f"mutant-{mutant.number:03d}-{mutant.name}".replace("_", "-")


class ReferenceNotFullMarks(RuntimeError):
    """The unchanged reference lost points in the scratch class: the graders or the set-up are broken."""


def grade(root: Path, assignment: str, mutants: list[Mutant], scratch: Path, *, jobs: int = 2,
          say=print) -> dict[str, bool | None]:
    """Mutant ident → caught (lost points on its own exercise), or None when grading it failed."""
    course = scratch / "course"
    copy_course(root, course)
    generate(course, scratch / "nbgrader.log", [assignment])
    blank = read_notebook(course / "release" / assignment / f"{assignment}.ipynb")
    solved = read_notebook(course / "solutions" / assignment / f"{assignment}.ipynb")
    names = solution_names(blank)
    reference = {grade_id(c): c["source"] for c in solved["cells"] if grade_id(c) in names}
    students = {"reference": with_answers(blank, reference)}
    students |= {student_id(m): with_answers(blank, {**reference, m.name: m.source}) for m in mutants}
    for student, notebook in students.items():
        write_notebook(notebook, course / "submitted" / student / assignment / f"{assignment}.ipynb")
    outcomes = batch.autograde(course, assignment, log=scratch / "autograde.log", jobs=jobs,
                               say=lambda line: say(f"  {line}") if "!" in line or "✗" in line else None)
    graded = {o.student for o in outcomes if o.graded}
    got = scores(course, assignment)
    full = max_points(read_notebook(course / "source" / assignment / f"{assignment}.ipynb"))
    if got.get("reference") != full:
        raise ReferenceNotFullMarks(f"{assignment}: the reference scored {got.get('reference')} of {full}; "
                                    f"see {scratch / 'autograde.log'}")
    return {m.ident: (got[student_id(m)][f"test_{m.name}"] < full[f"test_{m.name}"]
                      if student_id(m) in graded else None) for m in mutants}
