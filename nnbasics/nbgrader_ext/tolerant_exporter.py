"""TolerantNotebookExporter: any submitted file is read as a notebook nbgrader can grade.

nbgrader stops on a notebook it cannot parse and leaves that student without grades.
Registered as ``c.Autograde.exporter_class``, this exporter reads such a file as the
released (blank) notebook with a first cell saying why, so the student gets a gradebook
row with every exercise at 0 and the reason, and the file itself stays as submitted.
The file is read without following a link or blocking (a FIFO, a device, a folder) and
never past ``SubmissionIntake.notebook_limit`` bytes.

Symbolic links are not followed: a notebook that is a link (to the source notebook,
say), or in a folder that is one, is graded as blank. Nothing beside the notebook that
is not a regular file reaches autograded/ either (``intake.py``, installed on the
converter here: nbgrader makes its exporter before it reads any submission); what was
left out is listed in a first cell.

Cells that would stop grading become cells that say why: a code cell longer than
``SubmissionIntake.cell_limit`` (it would not fit the student process's messages) and a
cell whose text cannot be written as UTF-8 (a lone surrogate: nbgrader could not save
the notebook) are not run, so only their exercise is lost; such text elsewhere (metadata,
outputs) is replaced by U+FFFD.

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
import datetime
import os

import nbformat
from nbconvert.exporters import NotebookExporter
from nbformat import NotebookNode

from nnbasics.grading import wording
from nnbasics.nbgrader_ext import intake

# nbgrader's own copy in autograded/ is read again: indented JSON, every source split into
# lines, can be several times the submitted file (which was under notebook_limit).
COPY_GROWTH = 8


def quoted(text: str, limit: int = 200) -> str:
    """``text`` (a file name, an error message: the student's words) as one markdown code span."""
    return "`" + repr(str(text))[1:-1].replace("`", "\\x60")[:limit] + "`"


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _scrubbed(value):
    """``value`` with every string (and key) writable as UTF-8: lone surrogates become U+FFFD."""
    if isinstance(value, str):
        return value if _encodable(value) else value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, dict):
        return {_scrubbed(k): _scrubbed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    return value


def bound_cells(nb: NotebookNode, cell_limit: int) -> tuple[NotebookNode, list[str]]:
    """Cells that would stop grading replaced by cells that say why (see the module's doc)."""
    problems = []
    for number, cell in enumerate(nb.cells, 1):
        source = cell.get("source", "")
        if not isinstance(source, str):
            continue  # nbformat.validate has refused it already
        if not _encodable(source):
            why = "it holds text that cannot be written as UTF-8 (a lone surrogate)"
        elif cell.cell_type == "code" and len(source) > cell_limit:
            why = f"it is {len(source)} characters long, over the {cell_limit} character limit"
        else:
            continue
        problems.append(f"cell {number} was not graded: {why}")
        message = wording.CELL_NOT_RUN.format(why=why)
        cell.source = f"# {message}\nraise RuntimeError({message!r})" if cell.cell_type == "code" else message
    return (nbformat.from_dict(_scrubbed(nb)) if problems or not _encodable(nbformat.writes(nb)) else nb), problems


def read_notebook(path: str, limit: int, cell_limit: int) -> tuple[NotebookNode, list[str]]:
    """The notebook at ``path`` (read as ``intake.read_regular`` does) and what was wrong in its
    cells; raises if it cannot be read as a notebook at all."""
    nb = nbformat.reads(intake.read_regular(path, limit).decode("utf-8"), as_version=4)
    nbformat.validate(nb)
    return bound_cells(nb, cell_limit)


class TolerantNotebookExporter(NotebookExporter):
    def __init__(self, **kw):
        super().__init__(**kw)
        from nbgrader.converters import Autograde

        self.intake = intake.SubmissionIntake(parent=self)
        self._ignored = intake.install(self.parent, self.intake) if isinstance(self.parent, Autograde) else {}

    def from_filename(self, filename, resources=None, **kw):
        resources = self._file_resources(filename, resources)
        submitted = self._is_submitted(filename, resources)
        limit = self.intake.notebook_limit * (1 if submitted else COPY_GROWTH)
        notes = []
        try:
            if intake.through_link(filename, self.parent.coursedir.root):
                raise ValueError("it is a symbolic link, or in a folder that is one")
            nb, notes = read_notebook(filename, limit, self.intake.cell_limit)
        except Exception as error:  # not a file, too large, not JSON, not UTF-8, not a notebook: the student's
            nb = self._blank(filename, resources, error)
        if submitted:
            folder = os.path.dirname(os.path.abspath(filename))
            notes += [f"{quoted(path)} was ignored: {why}" for path, why in self._ignored.get(folder, [])]
            if notes:
                self.log.warning("Student %s: %s", resources["nbgrader"]["student"], "; ".join(notes)[:1000])
                nb.cells.insert(0, nbformat.v4.new_markdown_cell(
                    wording.PARTS_NOT_GRADED + "\n\n"
                    + "\n".join(f"- {note}" for note in notes)))
        return self.from_notebook_node(nb, resources, **kw)

    @staticmethod
    def _file_resources(filename, resources):
        """What nbconvert's ``from_filename`` records about the file, found without following a link."""
        resources = resources if resources is not None else {}
        metadata = resources.setdefault("metadata", {})
        metadata["name"] = os.path.splitext(os.path.basename(filename))[0]
        metadata["path"] = os.path.dirname(filename)
        try:
            mtime = datetime.datetime.fromtimestamp(os.lstat(filename).st_mtime, tz=datetime.UTC)
            metadata["modified_date"] = mtime.strftime("%B %-d, %Y")
        except OSError:
            pass
        return resources

    def _is_submitted(self, filename, resources) -> bool:
        """Whether this is nbgrader's first pass, reading from submitted/ (the second reads autograded/)."""
        coursedir, info = self.parent.coursedir, resources["nbgrader"]
        submitted = coursedir.format_path(coursedir.submitted_directory, info["student"], info["assignment"])
        return os.path.abspath(os.path.dirname(filename)) == os.path.abspath(submitted)

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
            f"{wording.GRADED_AS_BLANK}\n\n"
            f"The submitted file could not be read: {quoted(reason, 300)}"))
        return notebook
