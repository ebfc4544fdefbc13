"""A throwaway PostgreSQL server for tests: installed from Debian's packages when missing.

``server_for_tests()`` starts one on 127.0.0.1 (a free port, a temporary data folder,
trust authentication), yields a :class:`Server` whose ``database(name)`` creates a database
and returns its SQLAlchemy URL, and stops and deletes the server at the end.

When PostgreSQL cannot be had (no binaries and no way to install them, or no psycopg2),
the tests that need it fail under CI (``CI=true``), which must test it, and are skipped
elsewhere with the reason.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

INSTALL_ROOT = Path("/usr/lib/postgresql")  # Debian's layout: <version>/bin/{initdb,pg_ctl,...}
SYSTEM_USER = "postgres"  # created by the package; the server refuses to run as root
# runuser lives in sbin, which a non-login PATH may lack
RUNUSER = shutil.which("runuser") or next(
    (p for p in ("/usr/sbin/runuser", "/sbin/runuser") if os.path.exists(p)), "runuser")
SUPERUSER = "postgres"
APT_ENV = {"DEBIAN_FRONTEND": "noninteractive"}
APT_LOCK_WAIT = ["-o", "DPkg::Lock::Timeout=300"]  # another apt-get may be running on the machine


class Unavailable(Exception):
    """PostgreSQL's binaries are not here and could not be installed."""


def find_bin_dir() -> Path | None:
    """The newest installed server's ``bin/`` folder, if any."""
    found = [p.parent for p in INSTALL_ROOT.glob("*/bin/initdb")
             if (p.parent / "pg_ctl").exists() and p.parent.parent.name.isdigit()]
    return max(found, key=lambda p: int(p.parent.name), default=None)


def install() -> Path:
    """``apt-get install postgresql``; its ``bin/`` folder."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise Unavailable("PostgreSQL is not installed, and installing it needs root and apt-get")
    env = {**os.environ, **APT_ENV}
    for command in (["apt-get", *APT_LOCK_WAIT, "update"],
                    ["apt-get", *APT_LOCK_WAIT, "install", "-y", "--no-install-recommends", "postgresql"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            raise Unavailable(f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stderr[-2000:]}")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise Unavailable(f"apt-get installed postgresql, but no server is under {INSTALL_ROOT}")
    return bin_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    bin_dir: Path
    port: int
    folder: Path  # data/, the socket, the server's log

    def database(self, name: str) -> str:
        """Create database ``name``; its SQLAlchemy URL (driver psycopg2)."""
        subprocess.run([str(self.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                        "-U", SUPERUSER, name], check=True, capture_output=True, text=True)
        return f"postgresql+psycopg2://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    @property
    def socket(self) -> Path:
        """The server's UNIX socket (trust authentication: whoever reaches it is the superuser)."""
        return self.folder / f".s.PGSQL.{self.port}"

    def query(self, database: str, sql: str) -> list[tuple]:
        """Rows of ``sql`` run as the superuser, over TCP."""
        import psycopg2

        with contextlib.closing(psycopg2.connect(host="127.0.0.1", port=self.port, user=SUPERUSER,
                                                 dbname=database)) as connection, connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()


def _as_owner(command: list[str]) -> list[str]:
    """The server's commands run as the ``postgres`` system user when we are root."""
    return [RUNUSER, "-u", SYSTEM_USER, "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], folder: Path) -> None:
    # Output goes to a file, not a pipe: the server that pg_ctl starts would hold a pipe open.
    log = folder / "commands.log"
    with open(log, "a") as out:
        done = subprocess.run(_as_owner(command), cwd=folder, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        server_log = folder / "server.log"
        details = log.read_text()[-3000:] + (server_log.read_text()[-3000:] if server_log.exists() else "")
        raise RuntimeError(f"`{' '.join(command)}` failed ({done.returncode}):\n{details}")


@contextlib.contextmanager
def throwaway_server(bin_dir: Path) -> Iterator[Server]:
    """A server on 127.0.0.1 in a temporary folder, stopped and deleted at the end."""
    folder = Path(tempfile.mkdtemp(prefix="nnbasics-pg-"))  # under /tmp: the postgres user can reach it
    if os.geteuid() == 0:
        shutil.chown(folder, SYSTEM_USER, SYSTEM_USER)
    data = folder / "data"
    started = False
    try:
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
              "-E", "UTF8", "--locale=C", "--no-sync"], folder)
        for attempt in range(3):  # another process may take the free port before the server does
            port = free_port()
            options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
                       " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            try:
                _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
                      "-w", "-t", "60", "-o", options, "start"], folder)
                started = True
                break
            except RuntimeError:
                if attempt == 2:
                    raise
        yield Server(bin_dir, port, folder)
    finally:
        if started:
            _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], folder)
        shutil.rmtree(folder, ignore_errors=True)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> None:
    """CI must test PostgreSQL: fail there; skip elsewhere, saying why."""
    if in_ci():
        pytest.fail(f"PostgreSQL is needed under CI: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL: {reason}")


@contextlib.contextmanager
def server_for_tests() -> Iterator[Server]:
    """For a fixture: a throwaway server, installing PostgreSQL first if needed."""
    try:
        import psycopg2  # noqa: F401 - nbgrader's gradebook reaches PostgreSQL through it
    except ImportError:
        unavailable("the psycopg2 driver is not installed (psycopg2-binary in requirements.lock)")
    try:
        bin_dir = find_bin_dir() or install()
    except (Unavailable, subprocess.TimeoutExpired) as error:
        unavailable(str(error))
    with throwaway_server(bin_dir) as server:
        yield server
