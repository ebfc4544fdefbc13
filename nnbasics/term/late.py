"""Late work: the course's penalty policy, as an nbgrader late-submission plugin, and what a
submission's deadline was (due date, extension, penalty) for feedback, exports and the report.

nbgrader's ``AssignLatePenalties`` (in the autograde preprocessors) calls the plugin set as
``c.AssignLatePenalties.plugin_class`` with the seconds a submission was late, counted from
the due date plus the student's extension (``SubmittedAssignment.duedate``).
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import math

from nbgrader.api import Gradebook, MissingEntry, SubmittedAssignment
from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

DAY = 86400.0


def penalty_points(score: float, max_points: float, seconds_late: float, grace_minutes: float,
                   percent_per_day: float) -> float:
    """Points taken off: nothing within the grace period; after it, ``percent_per_day`` of the
    notebook's points for every day or part of a day past the due date; never below a score of 0."""
    if seconds_late <= grace_minutes * 60:
        return 0.0
    days = math.ceil(seconds_late / DAY)
    return round(min(score, max_points * percent_per_day / 100 * days), 4)


class LatePenaltyPolicy(LateSubmissionPlugin):
    """Grace period, then a percentage of the notebook's points per started day late, floor at 0."""

    grace_minutes = Float(0.0, help="Minutes after the due date (and extension) without any penalty").tag(config=True)
    percent_per_day = Float(0.0, help="Percent of the notebook's points taken off per started day late"
                            ).tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float) -> float | None:
        penalty = penalty_points(score, self._max_points(score), total_seconds_late, self.grace_minutes,
                                 self.percent_per_day)
        self.log.info("Late by %.0f s: penalty %s for %s", total_seconds_late, penalty, student_id)
        return penalty or None

    def _max_points(self, score: float) -> float:
        # nbgrader passes the score only; the notebook's points come from the preprocessor calling us.
        parent = self.parent
        try:
            return parent.gradebook.find_notebook(parent.notebook_id, parent.assignment_id).max_score
        except (AttributeError, MissingEntry):
            self.log.warning("LatePenaltyPolicy: no notebook points known, percent taken of the score")
            return score


@dataclasses.dataclass
class Deadline:
    """One student's deadline on one assignment, as nbgrader records it (naive datetimes are UTC)."""

    duedate: datetime.datetime | None
    extension: datetime.timedelta | None
    submitted: datetime.datetime | None
    penalty: float  # points taken off, all notebooks together

    @property
    def extended_to(self) -> datetime.datetime | None:
        if self.duedate is None:
            return None
        return self.duedate + self.extension if self.extension else self.duedate

    @property
    def seconds_late(self) -> float:
        if self.submitted is None or self.extended_to is None:
            return 0.0
        return max(0.0, (self.submitted - self.extended_to).total_seconds())


def deadline(submission: SubmittedAssignment) -> Deadline:
    return Deadline(duedate=submission.assignment.duedate, extension=submission.extension,
                    submitted=submission.timestamp,
                    penalty=float(sum(nb.late_submission_penalty or 0 for nb in submission.notebooks)))


def format_time(moment: datetime.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


def format_extension(extension: datetime.timedelta | None) -> str:
    if not extension:
        return "—"
    hours = round(extension.total_seconds() / 3600, 2)
    days, hours = divmod(hours, 24)
    return " ".join(part for part in (f"{days:g} d" if days else "", f"{hours:g} h" if hours else "") if part) or "—"


def format_late(seconds: float) -> str:
    if seconds <= 0:
        return "on time"
    hours = seconds / 3600
    return f"{hours:.1f} h late" if hours < 48 else f"{hours / 24:.1f} days late"


def class_deadlines(gb: Gradebook, assignment: str) -> dict[str, Deadline]:
    """Student → their deadline, for every submission row of the assignment."""
    return {s.student.id: deadline(s) for s in gb.assignment_submissions(assignment)}


def report_section(root, assignment: str, db_url: str | None = None) -> str:
    """The class report's "Deadlines" section: the due date, then every student with an
    extension, a late submission or a penalty (HTML, student ids escaped)."""
    from nnbasics.configuration import course_directory

    course = course_directory(root)
    with Gradebook(db_url or course.db_url, course_id=course.course_id) as gb:
        duedate = gb.find_assignment(assignment).duedate
        deadlines = class_deadlines(gb, assignment)
    rows = "".join(
        f"<tr><td><code>{html.escape(student)}</code></td><td>{format_extension(d.extension)}</td>"
        f"<td>{format_time(d.extended_to)}</td><td>{format_time(d.submitted)}</td>"
        f"<td>{format_late(d.seconds_late)}</td><td class=n>{d.penalty:g}</td></tr>"
        for student, d in sorted(deadlines.items()) if d.extension or d.seconds_late or d.penalty)
    table = ("<table class=failures><tr><th>student</th><th>extension</th><th>their deadline</th>"
             "<th>submitted</th><th>late</th><th>penalty (points)</th></tr>" + rows + "</table>") if rows \
        else "<p>No extensions, no late submissions.</p>"
    return f"<h2>Deadlines</h2><p>Due: <b>{format_time(duedate)}</b>.</p>{table}"
