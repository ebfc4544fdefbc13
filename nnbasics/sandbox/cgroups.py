"""Caps on all of one submission's student processes together: how many, and how much memory.

``RLIMIT_AS`` caps each process. Without these caps a fork bomb in one notebook takes
the machine's process ids (often only 32768), and 128 processes of 2 GiB each its
memory, until a time limit ends them; meanwhile whatever else needs a process or memory
fails, the grading of the next submission included. Each worker moves itself into
groups of its own before it enters its namespaces (``enter``); the zygote removes the
empty ones (``sweep``). This needs cgroups this user may create groups in: cgroup v1's
pids and memory hierarchies (as root), or cgroup v2 where these controllers are enabled
for the children of this process's group (the root group, or a delegated one).
Elsewhere ``enter`` reports a cap as unavailable and grading goes on without it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PREFIX = "nnbasics-"
LIMIT_FILES = {"pids": ("pids.max", "pids.max"),  # controller: (cgroup v1 file, cgroup v2 file)
               "memory": ("memory.limit_in_bytes", "memory.max")}


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


def base(controller: str) -> tuple[Path, str] | None:
    """The group this process is in, in a hierarchy with ``controller``, and its limit file's name."""
    with open("/proc/self/cgroup") as f:
        lines = [line.rstrip("\n").split(":", 2) for line in f]
    for _, controllers, path in lines:
        v1 = controller in controllers.split(",")
        if v1 or controllers == "":
            found = _mount("cgroup", controller) if v1 else _mount("cgroup2", None)
            if found is None or not path.startswith(found[1]):
                continue
            point, root = found
            return Path(point) / path[len(root):].lstrip("/"), LIMIT_FILES[controller][0 if v1 else 1]
    return None


def group_name(zygote_pid: int, worker_pid: int) -> str:
    return f"{PREFIX}{zygote_pid}-{worker_pid}"


def enter(limits: dict[str, int]) -> dict[str, str]:
    """Move this process (before it forks anything) into a new group per controller, capped at
    ``limits[controller]``; a status per controller."""
    # Found before moving: in cgroup v2 the first move would make the rest look one level down.
    try:
        bases = {controller: base(controller) for controller in limits}
    except OSError:  # no /proc/self/cgroup or mountinfo to read
        bases = dict.fromkeys(limits)
    return {controller: _enter(controller, bases[controller], limit) for controller, limit in limits.items()}


def _enter(controller: str, found: tuple[Path, str] | None, limit: int) -> str:
    if found is None:
        return f"unavailable (no {controller} cgroup)"
    where, limit_file = found
    group = where / group_name(os.getppid(), os.getpid())
    try:
        group.mkdir(exist_ok=True)  # cgroup v2: one group for every controller
        if not (group / limit_file).exists():  # cgroup v2 without this controller for the group
            with contextlib.suppress(OSError):
                group.rmdir()
            return f"unavailable (the {controller} controller is not enabled here)"
        (group / limit_file).write_text(str(limit))
        (group / "cgroup.procs").write_text("0")  # "0": the writing process itself
    except OSError as error:
        return f"unavailable ({error.strerror or error})"
    return "ok"


def sweep(zygote_pid: int | None = None) -> int:
    """Remove empty groups: this zygote's, or with ``None`` those of zygotes that are gone
    (killed before they could clean up). Returns how many are left (still populated)."""
    left = 0
    pattern = f"{PREFIX}{zygote_pid}-*" if zygote_pid else f"{PREFIX}*"
    for controller in LIMIT_FILES:
        with contextlib.suppress(OSError):
            found = base(controller)
            for group in found[0].glob(pattern) if found else ():
                owner = group.name[len(PREFIX):].split("-")[0]
                if zygote_pid is None and Path(f"/proc/{owner}").exists():
                    continue  # a running zygote's: it removes its own
                try:
                    group.rmdir()
                except FileNotFoundError:
                    pass  # cgroup v2: the same group as the other controller's
                except OSError:
                    left += 1
    return left
