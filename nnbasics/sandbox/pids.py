"""A cap on the processes and threads of one submission's student code (a cgroup's ``pids.max``).

Without it a fork bomb in one notebook takes the machine's process ids (often only
32768) until its time limit ends it, and whatever else needs a process meanwhile, the
grading of the next submission included, fails. Each worker moves itself into a cgroup
of its own before it enters its namespaces (``enter``); the zygote removes the empty
ones (``sweep``). This needs a pids cgroup this user may create groups in: cgroup v1's
pids hierarchy (as root), or cgroup v2 where the pids controller is enabled for the
children of this process's group (the root group, or a delegated one). Elsewhere
``enter`` reports the cap as unavailable and grading goes on without it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PREFIX = "nnbasics-"


def _mount(fstype: str, option: str | None) -> tuple[str, str] | None:
    """(mount point, root of the mounted tree) of the first mount of ``fstype`` with ``option``."""
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields, _, tail = line.partition(" - ")
            kind, _, options = tail.split()[:3]
            if kind == fstype and (option is None or option in options.split(",")):
                parts = fields.split()
                return parts[4], parts[3]
    return None


def base() -> Path | None:
    """The cgroup directory this process is in, in a hierarchy with the pids controller."""
    with open("/proc/self/cgroup") as f:
        lines = [line.rstrip("\n").split(":", 2) for line in f]
    for _, controllers, path in lines:
        v1 = "pids" in controllers.split(",")
        if v1 or controllers == "":
            found = _mount("cgroup", "pids") if v1 else _mount("cgroup2", None)
            if found is None:
                continue
            point, root = found
            if not path.startswith(root):
                continue
            return Path(point) / path[len(root):].lstrip("/")
    return None


def group_name(zygote_pid: int, worker_pid: int) -> str:
    return f"{PREFIX}{zygote_pid}-{worker_pid}"


def enter(limit: int) -> str:
    """Move this process (before it forks anything) into a new group of at most ``limit`` tasks."""
    try:
        where = base()
        if where is None:
            return "unavailable (no pids cgroup)"
        group = where / group_name(os.getppid(), os.getpid())
        group.mkdir()
        if not (group / "pids.max").exists():  # cgroup v2 without the pids controller for this group
            group.rmdir()
            return "unavailable (the pids controller is not enabled here)"
        (group / "pids.max").write_text(str(limit))
        (group / "cgroup.procs").write_text("0")  # "0": the writing process itself
    except OSError as error:
        return f"unavailable ({error.strerror or error})"
    return "ok"


def sweep(zygote_pid: int | None = None) -> int:
    """Remove empty groups: this zygote's, or with ``None`` those of zygotes that are gone
    (killed before they could clean up). Returns how many are left (still populated)."""
    left = 0
    with contextlib.suppress(OSError):
        where = base()
        pattern = f"{PREFIX}{zygote_pid}-*" if zygote_pid else f"{PREFIX}*"
        for group in where.glob(pattern) if where else ():
            owner = group.name[len(PREFIX):].split("-")[0]
            if zygote_pid is None and Path(f"/proc/{owner}").exists():
                continue  # a running zygote's: it removes its own
            try:
                group.rmdir()
            except OSError:
                left += 1
    return left
