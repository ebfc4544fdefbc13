"""nbgrader configuration of the nn-basics course.

The project's grading machinery plugs in through nbgrader's own extension points, so
`nbgrader generate_assignment`, `autograde`, `generate_feedback` and `export` work as usual.
"""

import os

import nbgrader
from nbconvert.preprocessors import ClearMetadataPreprocessor, CoalesceStreamsPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearMarkScheme,
    ClearOutput,
    Execute,
    GetGrades,
    IgnorePattern,
    IncludeHeaderFooter,
    LimitOutput,
    LockCells,
    SaveAutoGrades,
)

import nnbasics
from nnbasics.nbgrader_ext.portable_metadata import PortableMetadata
from nnbasics.nbgrader_ext.sandboxed_autograde import SandboxedAutograde
from nnbasics.nbgrader_ext.student_content import MarkStudentContent, SanitizeStudentHTML

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "nn-basics"
# Absolute, from this file's own folder (nbgrader warns "root '.' is not absolute" on every
# command otherwise); a copy of the course (tests, `make release`) is rooted in its own folder.
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.solution_directory = "solutions"
# The self-check files are symlinks into nnbasics/release_kit/; nbgrader copies their contents.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".pytest_cache"]

c.ClearSolutions.code_stub = {"python": "# 여기에 코드를 작성하세요 (YOUR CODE HERE)\nraise NotImplementedError()"}

# Deleted or retyped test cells come back from the source notebook.
c.OverwriteCells.add_missing_cells = True

# generate_solution executes the notebooks: no timestamps, no Python patch version, and
# stream outputs merged however the kernel happened to split them, so solutions/
# regenerates identically on any 3.11.x.
c.Execute.record_timing = False
c.CoalesceStreamsPreprocessor.enabled = True
c.GenerateSolution.preprocessors = [IncludeHeaderFooter, LockCells, ClearOutput, ClearMarkScheme, Execute,
                                    CoalesceStreamsPreprocessor, PortableMetadata]

# Student code runs in a sandboxed process and hidden pytest graders score the test
# cells (nnbasics/nbgrader_ext/sandboxed_autograde.py); no Jupyter kernel is started.
# MarkStudentContent: student HTML shown as text where unsafe, student output lines marked
# (nnbasics/nbgrader_ext/student_content.py); Formgrader shows the autograded notebook.
c.Autograde.autograde_preprocessors = [
    SandboxedAutograde,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    MarkStudentContent,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
c.SandboxedAutograde.exercise_seconds = 10.0
c.SandboxedAutograde.memory_limit = 2 * 2**30
# Reads any submitted file as a notebook it can grade, and checks every file of a submission
# before nbgrader copies it (nnbasics/nbgrader_ext/intake.py); caps: c.SubmissionIntake.<name>.
c.Autograde.exporter_class = 'nnbasics.nbgrader_ext.tolerant_exporter.TolerantNotebookExporter'

# Feedback pages render markdown as HTML: the student's is sanitized there too.
c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, SanitizeStudentHTML]
# Feedback's table of contents names each test cell by its exercise ("softmax (test cell)", not
# "Test cell" four times): nbgrader's feedback template with that line changed
# (nnbasics/feedback_templates/feedback/), found before nbgrader's own templates, which stay
# second for Formgrader's.
c.HTMLExporter.extra_template_basedirs = [
    os.path.join(os.path.dirname(nnbasics.__file__), "feedback_templates"),
    os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates"),
]

# Late work (nnbasics/term/late.py), applied by nbgrader's AssignLatePenalties during autograde:
# no penalty within grace_minutes of the due date plus the student's extension (nnbasics extend);
# after it, percent_per_day of the notebook's points per started day late, never below a score
# of 0. Due dates: nbgrader db assignment add <a> --duedate="2026-03-20 23:59:00 Asia/Seoul".
c.AssignLatePenalties.plugin_class = "nnbasics.term.late.LatePenaltyPolicy"
c.LatePenaltyPolicy.grace_minutes = 15
c.LatePenaltyPolicy.percent_per_day = 10
# Feedback starts with the student's due date, extension and late penalty.
c.GenerateFeedback.preprocessors.append("nnbasics.term.feedback_note.LateWorkNote")
