"""Every limit on student code, in one table: its name, unit, default and meaning.

The name is the same everywhere: the setting in ``nbgrader_config.py``
(``c.SandboxedAutograde.<name>``), the field of ``Limits``, the key in the settings the
student process receives, and the row of the README's settings table (a test keeps that
table equal to ``markdown_table()``).
"""

from __future__ import annotations

import dataclasses

from traitlets import Bool, Float, Integer
from traitlets.config import Configurable


@dataclasses.dataclass(frozen=True)
class Limit:
    name: str
    default: float | int | bool
    unit: str     # "s", "bytes", "characters", "count" or "" (a switch)
    help: str


TABLE = (
    Limit("exercise_seconds", 10.0, "s", "Wall-clock time for all calls of one exercise's graders together"),
    Limit("cell_seconds", 30.0, "s", "Wall-clock time for one notebook cell"),
    Limit("submission_seconds", 120.0, "s", "Wall-clock time for one submission's code: all its cells, "
                                            "restarts and grader calls together (what is left when it is spent "
                                            "gets 0 with the reason)"),
    Limit("memory_limit", 2 * 2**30, "bytes", "Memory of student code: each process's address space, and all of a "
                                              "submission's processes together (a memory cgroup, where this user "
                                              "can make one)"),
    Limit("output_chars", 10_000, "characters", "Characters kept of each cell's stdout and stderr"),
    Limit("figure_limit", 8, "count", "Figures kept of each cell: the matplotlib figures open when it ends, "
                                      "as PNG images in the autograded notebook (those beyond: a note)"),
    Limit("figure_bytes", 256 * 2**10, "bytes", "Largest PNG of one figure (drawn again at a lower resolution, "
                                                "else left out with a note)"),
    Limit("figures_total", 40, "count", "Figures kept of one submission's cells together (those beyond: a note)"),
    Limit("file_limit", 16 * 2**20, "bytes", "Largest file student code may write"),
    Limit("scratch_limit", 64 * 2**20, "bytes", "All files student code may write (with isolate: its scratch "
                                                "folder is a tmpfs of this size, and so is the copy of its "
                                                "submission folder it reads)"),
    Limit("process_limit", 128, "count", "Processes and threads student code may have at once (a cgroup's "
                                         "pids.max, where this user can make one)"),
    Limit("isolate", True, "", "Confine student code's files: Landlock rules and read-only mounts (its "
                               "namespaces, with no network, are entered either way)"),
)

Limits = dataclasses.make_dataclass(
    "Limits", [(limit.name, type(limit.default), dataclasses.field(default=limit.default)) for limit in TABLE],
    frozen=True)
Limits.__doc__ = "What student code may use; the fields are the rows of ``TABLE``, by the same names."

_TRAIT_TYPES = {bool: Bool, int: Integer, float: Float}

# The settings as nbgrader configuration: SandboxedAutograde inherits them, so
# ``c.SandboxedAutograde.<name>`` sets them.
LimitSettings = type("LimitSettings", (Configurable,), {
    limit.name: _TRAIT_TYPES[type(limit.default)](limit.default, help=f"{limit.help} ({limit.unit or 'on/off'})")
    .tag(config=True) for limit in TABLE})


def from_settings(settings: Configurable) -> Limits:
    return Limits(**{limit.name: getattr(settings, limit.name) for limit in TABLE})


def _shown(limit: Limit) -> str:
    value = limit.default
    if limit.unit == "bytes":
        for size, suffix in ((2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB")):
            if value >= size and value % size == 0:
                return f"{value // size} {suffix}"
    if limit.unit == "s":
        return f"{value:g} s"
    return f"{value:,}".replace(",", " ") if isinstance(value, int) and not isinstance(value, bool) else str(value)


def markdown_table() -> str:
    """The README's settings table."""
    rows = ["| setting | default | what it limits |", "|---|---|---|"]
    rows += [f"| `{limit.name}` | {_shown(limit)} | {limit.help} |" for limit in TABLE]
    return "\n".join(rows) + "\n"
