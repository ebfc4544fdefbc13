"""``LateWorkNote``: the deadline at the top of the feedback nbgrader generates (due date,
extension, when it was submitted, any late penalty), read from the gradebook.

Added to ``c.GenerateFeedback.preprocessors`` in ``nbgrader_config.py``; nbgrader's own
feedback page already subtracts the penalty from the score, this says why.
"""

from __future__ import annotations

import html

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_markdown_cell
from nbgrader.api import Gradebook, MissingEntry
from traitlets import Bool

from nnbasics.term import late, wording


def deadline_lines(deadline: late.Deadline) -> list[str]:
    """The student-facing lines about one submission's deadline (empty when there is nothing to say)."""
    lines = []
    if deadline.duedate is not None:
        lines.append(wording.DUE.format(due=late.format_time(deadline.duedate)))
    if deadline.extension:
        lines.append(wording.EXTENSION.format(extension=late.format_extension(deadline.extension),
                                              extended_to=late.format_time(deadline.extended_to)))
    if deadline.submitted is not None and deadline.duedate is not None:
        seconds = deadline.seconds_late
        when = wording.LATE.format(late=late.format_late(seconds).removesuffix(" late")) if seconds \
            else wording.ON_TIME
        lines.append(wording.SUBMITTED.format(submitted=late.format_time(deadline.submitted), late=when))
    if deadline.penalty:
        lines.append(wording.PENALTY.format(penalty=deadline.penalty))
    return lines


class LateWorkNote(Preprocessor):
    """A markdown cell first in the feedback: the student's deadline and any late penalty."""

    enabled = Bool(True, help="nbconvert's preprocessors start disabled; nbgrader's are on").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            try:
                submission = gb.find_submission(info["assignment"], info["student"])
            except MissingEntry:
                return nb, resources
            lines = deadline_lines(late.deadline(submission))
        if lines:
            # Dates and numbers only; escaped all the same, as markdown renders HTML.
            text = "\n".join(f"- {html.escape(line)}" for line in lines)
            cell = new_markdown_cell(text, metadata={"nnbasics": {"deadline": True}})
            nb.cells.insert(0, cell)
        return nb, resources
