"""The digest of a submission as the student process sees it: what hidden inputs are seeded from.

Student code can read every file of its folder (the notebook, with its markdown, and the
files beside it), so a lookup table kept in any of them must not survive a resubmission:
every byte of every file counts, and file names too. Other notebooks in the folder are
left out: they are nbgrader's copies (graded in an order of its own), not this notebook.
"""

from __future__ import annotations

import hashlib
import os
import stat

_CHUNK = 1 << 20


def submission_digest(folder: str, notebook: str) -> str:
    """SHA-256 over (relative path, size, bytes) of each regular file under ``folder``, sorted
    by path; links, special files and other ``*.ipynb`` are skipped (never followed or opened
    blocking). The same files give the same digest; any changed byte or name gives another."""
    digest = hashlib.sha256()
    for relative in _regular_files(folder):
        if relative.endswith(".ipynb") and relative != f"{notebook}.ipynb":
            continue
        try:
            fd = os.open(os.path.join(folder, relative), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            continue
        with os.fdopen(fd, "rb") as f:
            digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
            digest.update(f"\0{f.tell()}\0".encode())
    return digest.hexdigest()


def _regular_files(folder: str) -> list[str]:
    """Relative paths of the regular files under ``folder`` (links not followed), sorted."""
    found, todo = [], [""]
    while todo:
        relative = todo.pop()
        try:
            entries = list(os.scandir(os.path.join(folder, relative)))
        except OSError:
            continue
        for entry in entries:
            path = os.path.join(relative, entry.name)
            if entry.is_dir(follow_symlinks=False):
                todo.append(path)
            elif entry.is_file(follow_symlinks=False):
                found.append(path)
    return sorted(found)
