"""The course's nbgrader configuration, loaded the one way every command uses."""

from __future__ import annotations

from pathlib import Path

# SQLite waits this long for another process's write instead of failing at once
# ("database is locked"): parallel graders then queue their short writes.
SQLITE_BUSY_SECONDS = 120


def with_busy_timeout(db_url: str) -> str:
    if not db_url.startswith("sqlite") or "timeout=" in db_url:
        return db_url
    return f"{db_url}{'&' if '?' in db_url else '?'}timeout={SQLITE_BUSY_SECONDS}"


def load_config(root: str | Path):
    """``nbgrader_config.py`` of the course at ``root``, rooted there, its gradebook URL given a
    SQLite busy timeout."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    root = str(Path(root).resolve())
    config = PyFileConfigLoader("nbgrader_config.py", path=root).load_config() \
        if (Path(root) / "nbgrader_config.py").exists() else Config()
    config.CourseDirectory.root = root
    config.CourseDirectory.db_url = with_busy_timeout(CourseDirectory(config=config).db_url)
    return config


def course_directory(root: str | Path):
    """nbgrader's view of the course folder (paths, gradebook URL, course id)."""
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=load_config(root))


def sqlite_file(db_url: str) -> Path | None:
    """The file of a SQLite gradebook URL (``sqlite:///path?timeout=...``), else None."""
    return Path(db_url.removeprefix("sqlite:///").split("?")[0]) if db_url.startswith("sqlite:///") else None
