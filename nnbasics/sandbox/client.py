"""The grading process's side of the sandbox: one student process per submission."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

from nnbasics.release_kit.selfcheck import ExerciseAborted, Student
from nnbasics.sandbox import wire

STARTUP_SECONDS = 60  # importing numpy and matplotlib on a loaded machine


@dataclasses.dataclass
class Limits:
    """What student code may use; every field is configurable from nbgrader_config.py."""

    exercise_seconds: float = 10.0   # all calls of one exercise's graders together
    cell_seconds: float = 30.0       # one notebook cell
    memory_bytes: int = 2 * 2**30
    output_chars: int = 10_000       # kept per cell and stream
    file_bytes: int = 16 * 2**20     # largest file student code may write (scratch only)
    isolate: bool = True             # network namespace + Landlock


UNSHARE = shutil.which("unshare") or "/usr/bin/unshare"


@functools.cache
def _pid_namespaces_work() -> bool:
    try:
        return subprocess.run([UNSHARE, "--user", "--map-root-user", "--pid", "--fork", "true"],
                              capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class WorkerFailed(Exception):
    """The student process could not even start (an infrastructure problem, not the student's)."""


def _error_output(ename: str, evalue: str) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": [f"{ename}: {evalue}"]}


class Sandbox:
    """A sandboxed worker that has run a notebook's code and serves its exercises."""

    def __init__(self, folder: str, limits: Limits | None = None):
        self.folder = os.path.abspath(folder)
        self.limits = limits or Limits()
        self.scratch = tempfile.mkdtemp(prefix="nnbasics-scratch-")
        self.status: dict = {}
        self.process: subprocess.Popen | None = None
        self._start()

    # -- process life

    def _start(self) -> None:
        self.close_process()
        mine, theirs = socket.socketpair()
        settings = {"folder": self.folder, "scratch": self.scratch, "output_limit": self.limits.output_chars,
                    "memory_limit": self.limits.memory_bytes, "file_limit": self.limits.file_bytes,
                    "isolate": self.limits.isolate}
        log = open(os.path.join(self.scratch, "worker.log"), "wb")
        with log:
            self.process = subprocess.Popen(
                [*self._namespace_prefix(), sys.executable, "-I", "-m", "nnbasics.sandbox.worker",
                 str(theirs.fileno()), json.dumps(settings)],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=log, cwd=self.folder, start_new_session=True,
                env={"PATH": os.defpath, "LANG": "C.UTF-8"})
        theirs.close()
        self.control = mine
        try:
            self.status = self._recv(STARTUP_SECONDS)["ready"]
            self.status["processes"] = "ok" if self._namespace_prefix() else "unavailable (no PID namespace)"
        except (TimeoutError, wire.ChannelClosed, KeyError) as error:
            with open(os.path.join(self.scratch, "worker.log"), errors="replace") as f:
                detail = f.read()[-2000:]
            self.close_process()
            raise WorkerFailed(f"the student process did not start: {error}\n{detail}") from None

    def _namespace_prefix(self) -> list[str]:
        """Run the worker as PID 1 of its own PID namespace: when it dies, every process
        student code started dies with it (even one that called setsid)."""
        if self.limits.isolate and _pid_namespaces_work():
            return [UNSHARE, "--user", "--map-root-user", "--pid", "--fork", "--kill-child"]
        return []

    def _recv(self, timeout: float):
        self.control.settimeout(max(timeout, 0.001))
        return wire.recv(self.control)

    def close_process(self) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.control.close()
            self.process = None

    def close(self) -> None:
        self.close_process()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- running the notebook

    def execute(self, cells: list[dict]) -> dict[int, list]:
        """Run cells (``index``, ``name``, ``source``) in order; return outputs by index.

        A cell that hangs or kills the process gets an error output, the process is
        started again, and the cells before it are run again (their outputs already
        recorded) so that the cells after it see the state they expect.
        """
        outputs: dict[int, list] = {}
        skipped: set[int] = set()
        while True:
            todo = [c for c in cells if c["index"] not in skipped]
            wire.send(self.control, {"cmd": "exec", "cells": todo})
            current = None
            try:
                while True:
                    message = self._recv(self.limits.cell_seconds)
                    if "started" in message:
                        current = message["started"]
                    elif "cell" in message:
                        outputs.setdefault(message["cell"], message["outputs"])
                    elif message.get("done"):
                        return outputs
            except TimeoutError:
                reason = _error_output("TimeoutError", f"셀 실행이 시간 제한 {self.limits.cell_seconds:g}초를 넘었어요")
            except (wire.ChannelClosed, OSError):
                reason = _error_output("WorkerDied", f"이 셀이 프로세스를 종료시켰어요 ({self._exit_reason()})")
            if current is None:
                raise WorkerFailed("the student process stopped before running any cell")
            outputs[current] = [reason]
            skipped.add(current)
            self._start()

    def _exit_reason(self) -> str:
        if self.process is None:
            return "?"
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=1)
        code = self.process.returncode
        if code is None:
            return "응답 없음"
        return f"signal {-code}" if code < 0 else f"exit code {code}"

    # -- serving one exercise

    @contextlib.contextmanager
    def exercise(self) -> Iterator[Student]:
        """A ``Student`` backed by a fresh fork of the executed notebook, under the time limit."""
        mine, theirs = socket.socketpair()
        seconds = self.limits.exercise_seconds
        wire.send(self.control, {"cmd": "fork", "cpu_seconds": math.ceil(seconds) + 1})
        socket.send_fds(self.control, [b"F"], [theirs.fileno()])
        theirs.close()
        self._recv(STARTUP_SECONDS)  # {"forked": pid}
        transport = _ExerciseTransport(mine, self._kill_exercise, seconds, self.limits.memory_bytes)
        try:
            yield Student(transport)
        finally:
            mine.close()
            try:
                self._recv(1.0)  # {"exited": ...}: the child saw the hang-up and left
            except TimeoutError:
                self._kill_exercise()
                self._recv(STARTUP_SECONDS)

    def _kill_exercise(self) -> None:
        with contextlib.suppress(OSError):
            wire.send(self.control, {"cmd": "kill"})


class _ExerciseTransport:
    """Requests to one forked child, charged against the exercise's time budget."""

    def __init__(self, sock: socket.socket, kill, seconds: float, memory_bytes: int):
        self.sock, self.kill, self.budget, self.memory_bytes = sock, kill, seconds, memory_bytes
        self.seconds = seconds
        self.aborted: str | None = None

    def _abort(self, reason: str):
        self.aborted = reason
        self.kill()
        raise ExerciseAborted(reason)

    def __call__(self, request: dict) -> dict:
        if self.aborted:
            raise ExerciseAborted(self.aborted)
        started = time.monotonic()
        try:
            wire.send(self.sock, request)
            self.sock.settimeout(max(self.budget, 0.001))
            answer = wire.recv(self.sock)
        except TimeoutError:
            self._abort(f"시간 제한 {self.seconds:g}초를 넘었어요 (무한 루프이거나 너무 느려요)")
        except (wire.ChannelClosed, OSError):
            self._abort("학생 코드가 프로세스를 종료시켰어요 (os._exit, 충돌 또는 CPU 시간 초과)")
        finally:
            self.budget -= time.monotonic() - started
        if isinstance(answer, dict) and answer.get("raised", [None])[0] == "MemoryError":
            self._abort(f"메모리 제한 {self.memory_bytes / 2**30:g} GiB 를 넘었어요")
        return answer
