"""Running nbgrader's own commands for a course folder, from any environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def nbgrader_env() -> dict:
    """nbgrader runs `alembic` from PATH when it creates a gradebook: put this venv's bin first."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', os.defpath)}"
    return env


def nbgrader(root: Path, *args: str, log: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """``nbgrader <args>`` in ``root``; its log goes to ``log`` (appended) when given."""
    command = [str(BIN / "nbgrader"), *args]
    if log is None:
        return subprocess.run(command, cwd=root, env=nbgrader_env(), check=check,
                              capture_output=True, text=True)
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n$ nbgrader {' '.join(args)}\n")
        out.flush()
        return subprocess.run(command, cwd=root, env=nbgrader_env(), check=check, stdout=out,
                              stderr=subprocess.STDOUT, text=True)
