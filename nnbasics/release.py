"""`nnbasics release` (`make release`): ``release/`` and ``solutions/`` made again from ``source/``.

Run it after changing a notebook, public checks, data or the student kit. Each
``source/<a>/`` first gets links to every kit file (``nnbasics/release_kit/``), so a
new assignment needs none made by hand; nbgrader then runs in a scratch copy of the
course, so the course's own gradebook is not touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from nnbasics.course import assignments
from nnbasics.nbgrader_run import nbgrader
from nnbasics.release_kit import KIT_FILES

COURSE_FILES = ["nbgrader_config.py", "source", "grader_tests"]


def link_kit(root: Path, assignment: str) -> None:
    """``source/<a>/<kit file>`` → ``../../nnbasics/release_kit/<kit file>``, for every kit file."""
    folder = root / "source" / assignment
    for name in KIT_FILES:
        link, target = folder / name, Path("..", "..", "nnbasics", "release_kit", name)
        if not (link.is_symlink() and Path(os.readlink(link)) == target):
            link.unlink(missing_ok=True)
            link.symlink_to(target)


def copy_course(root: Path, copy: Path) -> None:
    """A scratch copy of the course: configuration, sources and graders (symlinks resolved)."""
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir(parents=True)
    for name in COURSE_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, copy / name, symlinks=False)
        else:
            shutil.copy(source, copy / name)


def generate(course: Path, log: Path, only: list[str] | None = None) -> None:
    """``release/`` and ``solutions/`` from ``source/`` in ``course``, with the assignments in its gradebook."""
    for assignment in only or assignments(course):
        nbgrader(course, "generate_assignment", assignment, "--force", log=log)
        nbgrader(course, "generate_solution", assignment, "--force", log=log)


def release(root: Path, log: Path, scratch: Path | None = None, only: list[str] | None = None) -> list[str]:
    """Regenerate the course's ``release/`` and ``solutions/`` (in ``scratch``, a copy of the course)."""
    done = only or assignments(root)
    for assignment in done:
        link_kit(root, assignment)
    with tempfile.TemporaryDirectory(prefix="nnbasics-release-") as temporary:
        course = scratch or Path(temporary) / "course"
        if scratch is None:
            copy_course(root, course)
        generate(course, log, done)
        for folder in ("release", "solutions"):
            for assignment in done:
                shutil.rmtree(root / folder / assignment, ignore_errors=True)
                shutil.copytree(course / folder / assignment, root / folder / assignment)
    return done


def main(root: Path, only: list[str] | None = None) -> int:
    log = root / "release.log"
    log.unlink(missing_ok=True)
    unknown = set(only or ()) - set(assignments(root))
    if unknown:
        print(f"no such assignment under source/: {', '.join(sorted(unknown))}")
        return 2
    done = release(root, log, only=only)
    print(f"release/ and solutions/ regenerated for {', '.join(done)}; nbgrader's log: {log}")
    return 0
