"""TolerantNotebookExporter: a submitted file that is not a notebook is graded as blank.

nbgrader stops on a notebook it cannot parse and leaves that student without grades.
Registered as ``c.Autograde.exporter_class``, this exporter reads such a file as the
released (blank) notebook with a first cell saying why, so the student gets a gradebook
row with every exercise at 0 and the reason, and the file itself stays as submitted.
"""

from __future__ import annotations

import os

import nbformat
from nbconvert.exporters import NotebookExporter


class TolerantNotebookExporter(NotebookExporter):
    def from_filename(self, filename, resources=None, **kw):
        try:
            with open(filename, encoding="utf-8") as f:
                nbformat.validate(nbformat.read(f, as_version=4))
        except Exception as error:  # not JSON, not UTF-8, not a notebook: all the student's
            return self.from_notebook_node(self._blank(filename, resources, error), resources, **kw)
        return super().from_filename(filename, resources, **kw)

    def _blank(self, filename, resources, error):
        info = resources["nbgrader"]
        reason = f"{os.path.basename(filename)} is not a readable notebook ({type(error).__name__}: {error})"
        self.log.error("Student %s: %s; grading it as a blank notebook (every exercise 0).",
                       info["student"], str(reason)[:300])
        coursedir = self.parent.coursedir
        release = os.path.join(coursedir.format_path(coursedir.release_directory, ".", info["assignment"]),
                               f"{info['notebook']}.ipynb")
        notebook = nbformat.read(release, as_version=4)
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(
            f"**제출한 파일을 노트북으로 읽을 수 없어서 빈 노트북으로 채점했어요 (모든 문제 0점).**\n\n"
            f"The submitted file could not be read: `{str(reason)[:300]}`"))
        return notebook
