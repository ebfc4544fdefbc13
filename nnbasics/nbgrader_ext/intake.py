"""What of a submission nbgrader may touch, decided before it touches anything.

nbgrader's ``Autograde`` copies every file beside the notebook into autograded/ with
``shutil.copy`` (a link to /dev/zero fills the disk; a FIFO raises and costs the student
their row) and reads ``timestamp.txt`` with ``open().read()`` (a FIFO blocks forever).
Every path of the submission folder is therefore looked at with ``lstat`` first: what is
not a regular file or a folder, or is too large, is kept out of nbgrader's copy (through
``CourseDirectory.ignore``, one exact path at a time) and named in the student's notebook.
The submitted folder itself is never changed: it is what the student handed in. (Not
copied at all, rather than deleted from autograded/ afterwards: the copy itself is the
harm. Not a sanitized copy to grade from either: nbgrader matches every path it reads
against ``submitted_directory``, fixed for the whole run by its first glob.)

``install`` is called by ``TolerantNotebookExporter`` when nbgrader makes it: that is the
first moment code of ours holds the converter, before any submission is read. It sets
the converter's ``pre_convert_hook`` (nbgrader calls it per student, after it has decided
to grade and before it copies; nbgrader's hook gets no converter, and ``ignore`` lives
on the converter's ``CourseDirectory``) and a ``get_existing_timestamp`` that does not follow
links or block (nbgrader also reads the timestamp before the hook when not forced).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import glob
import os
import stat

from nbgrader.utils import parse_utc
from traitlets import Int
from traitlets.config import LoggingConfigurable

MiB = 2**20
TIMESTAMP_BYTES = 1024  # nbgrader writes ~32 characters


class SubmissionIntake(LoggingConfigurable):
    """Caps on what a submission may hand in (``c.SubmissionIntake.<name>`` in nbgrader_config.py)."""

    file_limit = Int(16 * MiB, help="Largest file beside the notebook that is graded with it; "
                                    "larger ones are ignored (named in the student's notebook)").tag(config=True)
    total_limit = Int(64 * MiB, help="All files beside the notebook together; files past it "
                                     "(in path order) are ignored").tag(config=True)
    max_files = Int(1000, help="Files and folders beside the notebook; with more, none of them "
                               "is graded").tag(config=True)
    notebook_limit = Int(16 * MiB, help="Largest notebook file read (checked before parsing); a larger "
                                        "one is graded as blank. At most ~20 MiB keeps the code sent to "
                                        "the student process under its 64 MiB message cap").tag(config=True)
    cell_limit = Int(1 * MiB, help="Characters of one code cell; a longer cell is not run (only "
                                   "its exercise loses points)").tag(config=True)


@dataclasses.dataclass
class Survey:
    accepted: list[str]                   # relative paths of regular files nbgrader may copy
    ignored: list[tuple[str, str]]        # (relative path, why) kept out of the copy
    everything: bool = False              # too many paths, or a linked folder: nothing beside the notebook


def kind(mode: int) -> str:
    """What a path that is not a regular file or folder is, in words for the student."""
    for test, name in ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def through_link(path: str, root: str) -> bool:
    """Whether some part of ``path`` below the folder ``root`` is a symbolic link."""
    inside = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return os.path.realpath(path) != os.path.join(os.path.realpath(root), inside)


def survey(folder: str, intake: SubmissionIntake, root: str | None = None) -> Survey:
    """Every path under ``folder``, by ``lstat`` only (nothing is opened or followed).

    Notebooks (``*.ipynb``, files or folders) are left to nbgrader, which never copies them;
    the exporter reads the assignment's notebook itself, with the same care. A folder reached
    through a link below the course folder ``root`` (another student's, say) gives nothing."""
    if root and through_link(folder, root):
        return Survey([], [(".", "the submission folder is a symbolic link, or in one: nothing beside "
                                 "the notebook is graded")], everything=True)
    accepted, ignored, total, count = [], [], 0, 0
    todo = [""]
    while todo:
        relative = todo.pop(0)
        try:
            names = sorted(os.listdir(os.path.join(folder, relative)))
        except OSError as error:
            ignored.append((relative, f"unreadable folder ({error.strerror})"))
            continue
        for name in names:
            path = os.path.join(relative, name)
            if fnmatch.fnmatch(name, "*.ipynb"):
                continue
            count += 1
            if count > intake.max_files:  # listing each would cost nbgrader a glob per file per entry
                return Survey([], [("*", f"more than {intake.max_files} files and folders: none of them "
                                         "is graded")], everything=True)
            try:
                info = os.lstat(os.path.join(folder, path))
            except OSError as error:
                ignored.append((path, f"unreadable ({error.strerror})"))
                continue
            if stat.S_ISDIR(info.st_mode):
                todo.append(path)
            elif not stat.S_ISREG(info.st_mode):
                ignored.append((path, kind(info.st_mode)))
            elif info.st_size > intake.file_limit:
                ignored.append((path, f"{info.st_size} bytes, over the {intake.file_limit} byte limit"))
            elif total + info.st_size > intake.total_limit:
                ignored.append((path, f"the files together are over the {intake.total_limit} byte limit"))
            else:
                total += info.st_size
                accepted.append(path)
    if "timestamp.txt" in accepted and not _timestamp(os.path.join(folder, "timestamp.txt")):
        accepted.remove("timestamp.txt")  # nbgrader would stop on it, or take it for the time of submission
        ignored.append(("timestamp.txt", "not a time nbgrader can read"))
    return Survey(accepted, ignored)


class NotRegular(OSError):
    """A path that must not be read: a link, a FIFO, a device, a folder, or too large."""


def read_regular(path: str, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes reached without
    a link; never blocks (a FIFO opens at once with O_NONBLOCK) and never reads past ``limit``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        mode = _lstat_mode(path)
        if mode is not None and not stat.S_ISREG(mode):
            raise NotRegular(f"it is {kind(mode)}") from None
        raise NotRegular(f"it cannot be opened ({error.strerror})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotRegular(f"it is {kind(mode)}")
    with os.fdopen(fd, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise NotRegular(f"it is over the {limit} byte limit")
    return data


def _lstat_mode(path: str) -> int | None:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return None


def install(converter, intake: SubmissionIntake) -> dict[str, list[tuple[str, str]]]:
    """Make ``converter`` (nbgrader's Autograde) check each submission before copying it.

    Returns the record the hook fills: submission folder → what was ignored in it."""
    ignored: dict[str, list[tuple[str, str]]] = {}
    coursedir = converter.coursedir
    # The course's own patterns, kept once per CourseDirectory (nnbasics reuses one for many converters).
    base = coursedir.__dict__.setdefault("_nnbasics_ignore", list(coursedir.ignore))
    configured = converter.pre_convert_hook

    def pre_convert_hook(*, assignment, student, notebooks, **kw):
        coursedir.ignore = [*base, "*"]  # until checked, nothing of this submission is copied
        folder = os.path.dirname(os.path.abspath(notebooks[0]))
        found = survey(folder, intake, coursedir.root)
        ignored[folder] = found.ignored
        for path, why in found.ignored:
            converter.log.warning("Student submission %s: %s ignored (%s)", folder, path, why)
        ignore = [os.path.join(folder, path) for path, _ in found.ignored]
        coursedir.ignore = [*base, *map(glob.escape, [folder] if found.everything else ignore)]
        if configured:
            configured(assignment=assignment, student=student, notebooks=notebooks, **kw)

    converter.pre_convert_hook = pre_convert_hook
    coursedir.get_existing_timestamp = lambda folder: read_timestamp(coursedir, folder)
    return ignored


def read_timestamp(coursedir, folder: str):
    """nbgrader's ``CourseDirectory.get_existing_timestamp``, for a file the student may have made:
    a link, a special file, a large or unparsable one counts as no timestamp (logged)."""
    path = os.path.join(folder, "timestamp.txt")
    if not os.path.lexists(path):
        return None
    found = _timestamp(path)
    if found is None:
        coursedir.log.warning("Ignoring %s: not a regular file holding a time", path)
    return found


def _timestamp(path: str):
    try:
        text = read_regular(path, TIMESTAMP_BYTES).decode("utf-8").strip()
        return parse_utc(text) if text else None
    except (NotRegular, ValueError, OverflowError):  # UnicodeDecodeError is a ValueError
        return None
