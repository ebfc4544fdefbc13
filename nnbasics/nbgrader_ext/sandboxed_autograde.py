"""SandboxedAutograde: nbgrader's Execute step, replaced.

Registered in ``c.Autograde.autograde_preprocessors`` in place of ``Execute``. For one
submitted notebook it

1. runs the student's code cells (everything but the test cells) in a sandboxed
   process and stores their outputs, like a kernel would;
2. runs the hidden pytest graders ``grader_tests/<assignment>/test_*.py`` in this
   process against that student process;
3. writes each test cell's outputs itself: the feedback lines, then the score as the
   cell's only ``execute_result``, which nbgrader's ``SaveAutoGrades`` records, with
   every grader test's result as data in its metadata (``grading/results.py``).

Test cells are never executed, so nothing the student's code prints, patches or tags can
change a score.
"""

from __future__ import annotations

import functools
import secrets
from pathlib import Path

from nbformat import NotebookNode, from_dict
from nbgrader.preprocessors.base import NbGraderPreprocessor
from traitlets import Unicode

from nnbasics.course import is_test_cell
from nnbasics.grading.reference import load_reference
from nnbasics.grading.results import score_outputs
from nnbasics.grading.run import run_graders
from nnbasics.nbgrader_ext.submission import submission_digest
from nnbasics.sandbox import limits
from nnbasics.sandbox.client import Sandbox
from nnbasics.sandbox.limits import Limits

_warned_isolation = False


@functools.cache
def _transformer():
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager()


def _ipython_to_python(source: str) -> str:
    """Turn magics (``%matplotlib inline``) into calls the worker's stub ignores."""
    try:
        return _transformer().transform_cell(source)
    except Exception:  # leave it as is: the cell's SyntaxError is the student's to see
        return source


class SandboxedAutograde(NbGraderPreprocessor, limits.LimitSettings):
    """Execute the student's cells in a sandbox and score test cells with hidden pytest graders."""

    grader_directory = Unicode(
        "grader_tests", help="Folder (relative to the course root) with one folder of grader modules "
                             "per assignment: grader_tests/<assignment>/test_<name>.py").tag(config=True)
    source_directory = Unicode(
        "source", help="nbgrader's source folder, where the reference notebooks are").tag(config=True)
    secret_file = Unicode(
        ".grading_secret", help="File (made on first use, keep it private) whose contents seed the "
                                "graders' random inputs per student").tag(config=True)
    def limits(self) -> Limits:
        return limits.from_settings(self)

    def secret(self) -> str:
        path = Path(self.secret_file)
        if not path.exists():
            path.write_text(secrets.token_hex(16))
            path.chmod(0o600)
        return path.read_text().strip()

    def preprocess(self, nb: NotebookNode, resources: dict):
        info = resources["nbgrader"]
        assignment, notebook_id = info["assignment"], info["notebook"]
        code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        with Sandbox(resources["metadata"]["path"], self.limits()) as sandbox:
            self._warn_if_unconfined(sandbox.status)
            outputs = sandbox.execute([
                {"index": i, "name": c.metadata.get("nbgrader", {}).get("grade_id") or str(i),
                 "source": _ipython_to_python(c.source)}
                for i, c in code_cells if not is_test_cell(c)])
            for i, cell in code_cells:
                cell.outputs = [from_dict(o) for o in outputs.get(i, [])]
                cell.execution_count = None
            tests = [c for _, c in code_cells if is_test_cell(c)]
            if tests:
                # Inputs depend on the submission too (every byte of every file the student
                # process can read): echoed or tabulated inputs are new on resubmitting.
                content = submission_digest(resources["metadata"]["path"], notebook_id)
                self._grade(sandbox, tests, assignment, notebook_id, f"{info['student']}:{content}")
        return nb, resources

    def _grade(self, sandbox, cells, assignment: str, notebook_id: str, seed_key: str) -> None:
        folder = Path(self.grader_directory) / assignment
        modules = [folder / f"{c.metadata.nbgrader.grade_id}.py" for c in cells]
        missing = [m for m in modules if not m.exists()]
        if missing:
            raise FileNotFoundError(f"test cells without a grader module: {[str(m) for m in missing]}")
        reference = load_reference(Path(self.source_directory) / assignment / f"{notebook_id}.ipynb")
        results = run_graders(sandbox, modules, reference, secret=self.secret(), student_id=seed_key,
                              log=self.log)
        for cell, module in zip(cells, modules, strict=True):
            result = results[module.stem]
            max_points = float(cell.metadata.nbgrader["points"])
            cell.outputs = [from_dict(output) for output in score_outputs(result, max_points)]

    def _warn_if_unconfined(self, status: dict) -> None:
        global _warned_isolation
        weak = {k: v for k, v in status.items() if v != "ok"}
        if weak and not _warned_isolation:
            _warned_isolation = True
            self.log.warning("!!! Student code is NOT fully confined on this machine: %s. Grading goes on; "
                             "see the README's security model.", weak)
