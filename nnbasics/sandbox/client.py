"""The grading process's side of the sandbox: one student process per submission."""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import math
import multiprocessing
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

from nnbasics.grading import wording
from nnbasics.release_kit.selfcheck_protocol import ExerciseAborted, Student
from nnbasics.sandbox import wire
from nnbasics.sandbox.limits import Limits

STARTUP_SECONDS = 60  # importing numpy and matplotlib on a loaded machine
KILL_SECONDS = 5  # for the snapshot to say it goes on after its cell's runner was killed


class Zygote:
    """The process that forks student processes (``zygote.py``).

    One per grading process, or one shared by the worker processes ``nnbasics autograde``
    forks after starting it: starting it does not wait for its imports, so they overlap
    with the grading process's own.
    """

    def __init__(self):
        mine, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-m", "nnbasics.sandbox.zygote", str(theirs.fileno())],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            env={"PATH": os.defpath, "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1",
                 "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
        theirs.close()
        self.control = mine
        self.control.settimeout(STARTUP_SECONDS)  # its first answer comes after numpy and matplotlib are imported
        # Processes forked from this one share the zygote: both the lock and the pidfd
        # work in them (Popen.poll does not: the zygote is not their child).
        self.lock = multiprocessing.get_context("fork").Lock()
        self.pidfd = os.pidfd_open(self.process.pid)

    def spawn(self, settings: dict, sock: socket.socket) -> int:
        """A new worker answering on ``sock``; returns the pid to kill it by."""
        if not self.lock.acquire(timeout=STARTUP_SECONDS):
            raise WorkerFailed("the zygote is busy: another grading process holds it")
        try:
            wire.send(self.control, {"settings": settings})
            socket.send_fds(self.control, [b"F"], [sock.fileno()])
            return wire.recv(self.control)["pid"]
        finally:
            self.lock.release()

    def alive(self) -> bool:
        exited, _, _ = select.select([self.pidfd], [], [], 0)
        return not exited


_zygote: Zygote | None = None


def zygote() -> Zygote:
    """This process's zygote, started on first use (or again if it died)."""
    global _zygote
    if _zygote is None or not _zygote.alive():
        _zygote = Zygote()
    return _zygote


class WorkerFailed(Exception):
    """The student process could not even start (an infrastructure problem, not the student's)."""


def _error_output(ename: str, evalue: str) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": [f"{ename}: {evalue}"]}


class ProtocolViolation(Exception):
    """A message out of turn or of the wrong shape: student code wrote to the control socket."""


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FIGURE_SIDE = 4000  # pixels: a PNG header claiming more is not one the worker drew (a browser would pay for it)


def _png(value, max_bytes: int) -> str:
    """A base64 PNG as ``worker.figure_outputs`` makes it: at most ``max_bytes`` decoded, a PNG
    signature and an IHDR of sane size; else ``ProtocolViolation``."""
    if not isinstance(value, str) or len(value) > 4 * (max_bytes // 3 + 1):
        raise ProtocolViolation
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        raise ProtocolViolation from None
    if len(raw) > max_bytes or len(raw) < 24 or not raw.startswith(PNG_SIGNATURE) or raw[12:16] != b"IHDR":
        raise ProtocolViolation
    width, height = struct.unpack("!II", raw[16:24])
    if not (0 < width <= FIGURE_SIDE and 0 < height <= FIGURE_SIDE):
        raise ProtocolViolation
    return value


def _clean_outputs(outputs, limit: int, figure_limit: int = 0, figure_bytes: int = 0) -> list[dict]:
    """A cell's outputs rebuilt as ``worker.run_cell`` makes them (streams, a text result, an
    error, at most ``figure_limit`` PNG figures of at most ``figure_bytes``) and cut to size.
    Student code can write to the socket they come on, so anything else is a ``ProtocolViolation``."""
    def text(value) -> str:
        if not isinstance(value, str):
            raise ProtocolViolation
        return value[:limit + 200]  # room for the worker's "output truncated" note

    if not isinstance(outputs, list) or len(outputs) > 4 + figure_limit:
        raise ProtocolViolation
    clean, figures = [], 0
    for output in outputs:
        kind = output.get("output_type") if isinstance(output, dict) else None
        if kind == "stream" and output.get("name") in ("stdout", "stderr"):
            clean.append({"output_type": "stream", "name": output["name"], "text": text(output.get("text"))})
        elif kind == "execute_result" and isinstance(output.get("data"), dict):
            clean.append({"output_type": "execute_result", "execution_count": None, "metadata": {},
                          "data": {"text/plain": text(output["data"].get("text/plain"))}})
        elif kind == "error" and isinstance(output.get("traceback"), list):
            clean.append({"output_type": "error", "ename": text(output.get("ename"))[:200],
                          "evalue": text(output.get("evalue")),
                          "traceback": [text(line) for line in output["traceback"][:1]]})
        elif (kind == "display_data" and figures < figure_limit and isinstance(output.get("data"), dict)
              and list(output["data"]) == ["image/png"]):
            figures += 1
            clean.append({"output_type": "display_data", "metadata": {},  # text/plain: the image's alt text
                          "data": {"image/png": _png(output["data"]["image/png"], figure_bytes),
                                   "text/plain": wording.FIGURE_TEXT}})
        else:
            raise ProtocolViolation
    return clean


def _pidfd_of_grandchild(grandparent: int, pid) -> int | None:
    """A pidfd for process ``pid`` if it is a grandchild of ``grandparent`` (the zygote's
    child, outside the namespaces; its child made them), else None."""
    try:
        fd = os.pidfd_open(int(pid))
    except (OSError, TypeError, ValueError):
        return None
    # Checked after opening: the pidfd pins the process, a reused pid would show another parent.
    if _parent(_parent(int(pid))) != grandparent:
        os.close(fd)
        return None
    return fd


def _parent(pid: int | None) -> int | None:
    try:
        with open(f"/proc/{int(pid)}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError, TypeError):
        return None


class _Lost(Exception):
    """The student process lost the notebook's state (or broke the protocol): start again.

    ``output`` is the cell's error output; None when the state was gone before it started.
    """

    def __init__(self, output: dict | None = None):
        self.output = output


class Sandbox:
    """A sandboxed worker that has run a notebook's code and serves its exercises.

    One wall-clock budget (``submission_seconds``) covers the time spent waiting for the
    student's code: every cell, restart and grader call, not the grading process's own
    work between them (nor the zygote's imports); what is left when it is spent gets an
    error output or an aborted exercise, each with the reason.
    """

    def __init__(self, folder: str, limits: Limits | None = None):
        self.folder = os.path.abspath(folder)
        self.limits = limits or Limits()
        self.scratch = tempfile.mkdtemp(prefix="nnbasics-scratch-")
        self.status: dict = {}
        self.aborted: str | None = None
        self.pid: int | None = None
        self.worker: int | None = None  # a pidfd of the worker itself (PID 1 of its namespace)
        self.done: list[dict] = []  # the cells the notebook's state holds, for a restart to run again
        self.figures_kept = 0  # image outputs kept of this submission's cells (figures_total)
        self._start()
        self.deadline = time.monotonic() + self.limits.submission_seconds
        self._paused_at: float | None = time.monotonic()  # the budget runs only while student code may

    def left(self) -> float:
        """Seconds left of the submission's budget."""
        return self.deadline - (self._paused_at or time.monotonic())

    @contextlib.contextmanager
    def _budget_running(self) -> Iterator[None]:
        if self._paused_at is not None:
            self.deadline += time.monotonic() - self._paused_at
            self._paused_at = None
        try:
            yield
        finally:
            self._paused_at = time.monotonic()

    def _budget_spent(self) -> str:
        return wording.SUBMISSION_TIMEOUT.format(seconds=self.limits.submission_seconds)

    # -- process life

    def _start(self) -> None:
        self.close_process()
        mine, theirs = socket.socketpair()
        settings = {"folder": self.folder, "scratch": self.scratch, **dataclasses.asdict(self.limits)}
        self.pid = zygote().spawn(settings, theirs)
        theirs.close()
        self.control = mine
        try:
            hello = self._recv(STARTUP_SECONDS)
            self.status = hello["ready"]
        except (TimeoutError, wire.ChannelClosed, KeyError, TypeError) as error:
            self.close_process()
            raise WorkerFailed(f"the student process did not start: {error}") from None
        self.worker = _pidfd_of_grandchild(self.pid, hello.get("pid"))

    def _recv(self, timeout: float):
        self.control.settimeout(max(timeout, 0.001))
        return wire.recv(self.control)

    def close_process(self) -> None:
        if self.worker is not None:
            # Killed directly: student code can keep it from dying with its parent (PR_SET_PDEATHSIG).
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(self.worker, signal.SIGKILL)  # its PID namespace, and all in it, goes too
            os.close(self.worker)
            self.worker = None
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.control.close()
            self.pid = None

    def close(self) -> None:
        self.close_process()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _restart(self, replay: bool = True) -> None:
        """A new student process, with the cells that had finished run again (only after the
        state itself was lost, never for a cell that hung or crashed: its snapshot goes on)."""
        self._start()
        cells, self.done = (self.done if replay else []), []
        for cell in cells:
            if self.left() <= 0:
                return
            try:
                self._run(cell)
            except _Lost:  # the replay lost it too: go on from a fresh state
                self._start()
                self.done = []
                return

    # -- running the notebook

    def execute(self, cells: list[dict]) -> dict[int, list]:
        """Run cells (``index``, ``name``, ``source``) in order; return outputs by index.

        Each cell runs in a snapshot of the state before it (``worker.hold``): a cell that
        hangs or kills its process gets an error output, and the cells after it see the
        state of the cells before it, without running them again. A cell whose code writes
        to the control channel (a message out of turn or of the wrong shape), or whose
        processes end the process that holds the state, gets an error output and the
        process is started again, with the cells that had finished run again.
        """
        with self._budget_running():
            return self._execute(cells)

    def _execute(self, cells: list[dict]) -> dict[int, list]:
        outputs: dict[int, list] = {}
        for cell in cells:
            if self.left() <= 0:
                outputs[cell["index"]] = [_error_output("TimeoutError", self._budget_spent())]
                continue
            try:
                try:
                    outputs[cell["index"]] = self._keep_figures(self._run(cell))
                except _Lost as lost:
                    if lost.output is not None:
                        raise
                    self._restart()  # the state was gone before this cell started: once more
                    outputs[cell["index"]] = self._keep_figures(self._run(cell))
            except _Lost as lost:
                outputs[cell["index"]] = [lost.output or _error_output("WorkerDied", wording.CELL_LOST_STATE)]
                self._restart(replay=lost.output is not None)
        return outputs

    def _keep_figures(self, outputs: list[dict]) -> list[dict]:
        """A cell's outputs with its figures beyond the submission's ``figures_total`` left out (a note)."""
        kept, left_out = [], 0
        for output in outputs:
            if output["output_type"] != "display_data":
                kept.append(output)
            elif self.figures_kept < self.limits.figures_total:
                self.figures_kept += 1
                kept.append(output)
            else:
                left_out += 1
        if left_out:
            kept.append({"output_type": "stream", "name": "stdout",
                         "text": wording.FIGURES_CUT_IN_SUBMISSION.format(count=left_out,
                                                                          limit=self.limits.figures_total)})
        return kept

    def _run(self, cell: dict) -> list:
        """One cell's outputs; ``_Lost`` when the process must start again."""
        seconds = min(self.limits.cell_seconds, self.left())
        timed_out = (_error_output("TimeoutError", wording.CELL_TIMEOUT.format(seconds=self.limits.cell_seconds))
                     if seconds == self.limits.cell_seconds else _error_output("TimeoutError", self._budget_spent()))
        deadline = time.monotonic() + seconds
        try:
            wire.send(self.control, {"cmd": "cell", "cell": cell})
            message = self._recv(deadline - time.monotonic())
            if isinstance(message, dict) and "lost" in message:  # earlier cells' processes ended its holder
                raise _Lost(None)
            if not isinstance(message, dict) or message.get("started") != cell["index"]:
                raise ProtocolViolation
            try:
                message = self._recv(deadline - time.monotonic())
            except TimeoutError:
                wire.send(self.control, {"cmd": "kill"})
                message = self._recv(KILL_SECONDS)  # the snapshot before the cell goes on: "resumed"
                if isinstance(message, dict) and "resumed" in message:
                    return [timed_out]
                if not (isinstance(message, dict) and message.get("cell") == cell["index"]):
                    raise _Lost(timed_out) from None
                # else it finished in its last moment: its outputs after all
            if isinstance(message, dict) and "resumed" in message:
                return [_error_output("WorkerDied", wording.CELL_KILLED)]
            if isinstance(message, dict) and "lost" in message:  # it ended the state's holder, or broke the channel
                raise _Lost(_error_output("WorkerDied", wording.CELL_KILLED))
            if not isinstance(message, dict) or message.get("cell") != cell["index"]:
                raise ProtocolViolation
            outputs = _clean_outputs(message.get("outputs"), self.limits.output_chars, self.limits.figure_limit,
                                     self.limits.figure_bytes)
        except TimeoutError:
            raise _Lost(timed_out) from None
        except (wire.ChannelClosed, OSError):
            raise _Lost(_error_output("WorkerDied", wording.CELL_KILLED)) from None
        except ProtocolViolation:
            raise _Lost(_error_output("ProtocolError", wording.CELL_PROTOCOL)) from None
        self.done.append(cell)
        return outputs

    # -- serving one exercise

    @contextlib.contextmanager
    def exercise(self) -> Iterator[Student]:
        """A ``Student`` backed by a fresh fork of the executed notebook, under the time limit
        (the exercise's, or what is left of the submission's budget).

        Afterwards ``self.aborted`` says which limit the student's code broke, if one.
        """
        mine, theirs = socket.socketpair()
        seconds = min(self.limits.exercise_seconds, max(self.left(), 0))
        too_long = (wording.EXERCISE_TIMEOUT.format(seconds=seconds) if seconds == self.limits.exercise_seconds
                    else self._budget_spent())
        transport = _ExerciseTransport(mine, self._kill_exercise, seconds, self.limits.memory_limit, too_long)
        forked = None
        if seconds <= 0:
            transport.aborted = self._budget_spent()
        else:
            forked = self._fork(theirs)
            if forked is None:
                transport.aborted = wording.TOO_MANY_THREADS.format(limit=self.limits.process_limit)
        theirs.close()
        try:
            yield Student(transport)
        finally:
            self.deadline -= seconds - max(transport.budget, 0)  # the time its calls took
            self.aborted = transport.aborted  # why the exercise scores 0, if it does
            mine.close()
            if forked is not None:
                try:
                    self._recv(1.0)  # {"exited": ...}: the child saw the hang-up and left
                except TimeoutError:
                    self._kill_exercise()
                    self._recv(STARTUP_SECONDS)

    def _fork(self, sock: socket.socket, again: bool = True) -> int | None:
        """Ask for an exercise's child answering on ``sock``: its pid, or None."""
        wire.send(self.control, {"cmd": "fork", "cpu_seconds": math.ceil(self.limits.exercise_seconds) + 1})
        socket.send_fds(self.control, [b"F"], [sock.fileno()])
        message = self._recv(STARTUP_SECONDS)
        if isinstance(message, dict) and "lost" in message and again:  # its processes killed the state's holder
            with self._budget_running():
                self._restart()
            return self._fork(sock, again=False)
        return message.get("forked") if isinstance(message, dict) else None

    def _kill_exercise(self) -> None:
        with contextlib.suppress(OSError):
            wire.send(self.control, {"cmd": "kill"})


class _ExerciseTransport:
    """Requests to one forked child, charged against the exercise's time budget."""

    def __init__(self, sock: socket.socket, kill, seconds: float, memory_limit: int, too_long: str):
        self.sock, self.kill, self.budget, self.memory_limit = sock, kill, seconds, memory_limit
        self.too_long = too_long
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
            self._abort(self.too_long)
        except (wire.ChannelClosed, OSError):
            self._abort(wording.EXERCISE_KILLED)
        finally:
            self.budget -= time.monotonic() - started
        if isinstance(answer, dict) and answer.get("raised", [None])[0] == "MemoryError":
            self._abort(wording.EXERCISE_MEMORY.format(gib=self.memory_limit / 2**30))
        return answer
