"""TolerantNotebookExporter: any submitted file is read as a notebook nbgrader can grade.

nbgrader stops on a notebook it cannot parse and leaves that student without grades.
Registered as ``c.Autograde.exporter_class``, this exporter reads such a file as the
released (blank) notebook with a first cell saying why, so the student gets a gradebook
row with every exercise at 0 and the reason, and the file itself stays as submitted.

Symbolic links are not followed: nbgrader (outside the sandbox) would copy what a link
handed in beside the notebook points to (a hidden grader, the source notebook, another
student's work) into autograded/ and feedback/, and would grade a notebook that is a
link to the source notebook as the student's. A notebook reached through a link is
graded as blank; copies made through links are deleted before anything else happens.

It also gives every cell the nbgrader metadata the release has for its ``grade_id``.
nbgrader restores a graded cell's source, points and type from the gradebook but trusts
its ``grade``/``solution`` flags, and stops on metadata it cannot read: a test cell
flagged as a solution fails its checksum check, a solution cell flagged as graded has
no gradebook entry, a cell with an unknown or missing ``grade_id`` (a cell copied from
another assignment) or a second cell with the same ``grade_id`` (a copied cell: nbgrader's
``DeduplicateIds`` empties its metadata) trips ``add_missing_cells``. Each of those would
leave the student without grades. A cell whose ``grade_id`` the release does not have,
or that a later cell also has, is a plain cell (nbgrader keeps the last one too).
"""

from __future__ import annotations

import copy
import os

import nbformat
from nbconvert.exporters import NotebookExporter


class TolerantNotebookExporter(NotebookExporter):
    def from_filename(self, filename, resources=None, **kw):
        self._delete_copies_made_through_links(filename, resources)
        try:
            if self._through_link(filename):
                raise ValueError("it is a symbolic link, or in a folder that is one")
            with open(filename, encoding="utf-8") as f:
                nbformat.validate(nbformat.read(f, as_version=4))
        except Exception as error:  # not JSON, not UTF-8, not a notebook: all the student's
            return self.from_notebook_node(self._blank(filename, resources, error), resources, **kw)
        return super().from_filename(filename, resources, **kw)

    def _through_link(self, path: str) -> bool:
        """Whether some part of ``path`` below the course folder is a symbolic link."""
        root = os.path.abspath(self.parent.coursedir.root)
        inside = os.path.relpath(os.path.abspath(path), root)
        return os.path.realpath(path) != os.path.join(os.path.realpath(root), inside)

    def _delete_copies_made_through_links(self, filename, resources) -> None:
        """nbgrader has copied the submission's other files into autograded/ (following
        links) before it reads the notebook from submitted/: undo the copies of links."""
        coursedir, info = self.parent.coursedir, resources["nbgrader"]
        submitted = coursedir.format_path(coursedir.submitted_directory, info["student"], info["assignment"])
        if os.path.abspath(os.path.dirname(filename)) != os.path.abspath(submitted):
            return  # nbgrader's second pass reads its own copy in autograded/
        autograded = coursedir.format_path(coursedir.autograded_directory, info["student"], info["assignment"])
        for folder, _, names in os.walk(submitted):
            for path in (os.path.join(folder, name) for name in names if not name.endswith(".ipynb")):
                copied = os.path.join(autograded, os.path.relpath(path, submitted))  # notebooks are not copied
                if self._through_link(path) and os.path.lexists(copied):
                    self.log.warning("Student %s: %s is a symbolic link; its copy is deleted", info["student"],
                                     os.path.relpath(path, submitted))
                    os.remove(copied)

    def from_notebook_node(self, nb, resources=None, **kw):
        return super().from_notebook_node(self._as_released(nb, resources), resources, **kw)

    def _release(self, resources):
        info = resources["nbgrader"]
        coursedir = self.parent.coursedir
        folder = coursedir.format_path(coursedir.release_directory, ".", info["assignment"])
        return nbformat.read(os.path.join(folder, f"{info['notebook']}.ipynb"), as_version=4)

    def _as_released(self, nb, resources):
        released = {cell.metadata.nbgrader["grade_id"]: cell.metadata.nbgrader
                    for cell in self._release(resources).cells if "grade_id" in cell.metadata.get("nbgrader", {})}
        nb = copy.deepcopy(nb)
        for cell in reversed(nb.cells):
            meta = cell.metadata.get("nbgrader")
            if meta is None:
                continue
            grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
            if isinstance(grade_id, str) and grade_id in released:
                cell.metadata["nbgrader"] = copy.deepcopy(released.pop(grade_id))
            else:
                del cell.metadata["nbgrader"]
        return nb

    def _blank(self, filename, resources, error):
        info = resources["nbgrader"]
        reason = f"{os.path.basename(filename)} is not a readable notebook ({type(error).__name__}: {error})"
        self.log.error("Student %s: %s; grading it as a blank notebook (every exercise 0).",
                       info["student"], str(reason)[:300])
        notebook = self._release(resources)
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(
            f"**제출한 파일을 노트북으로 읽을 수 없어서 빈 노트북으로 채점했어요 (모든 문제 0점).**\n\n"
            f"The submitted file could not be read: `{str(reason)[:300]}`"))
        return notebook
