"""The student-side process: runs a notebook's cells, then serves graders one exercise at a time.

Forked by the zygote (``zygote.py``) for one submission, as PID 1 of its namespaces. It
confines itself (``confine.py``) before any student code runs, then splits in two:

- the supervisor (PID 1, ``Supervisor``) never runs student code: it relays the grading
  process's commands and kills what runs too long. Processes of its namespace cannot
  signal it (the kernel drops signals to a namespace's init that it has no handler for);
- the state holder (``hold``), a process that holds the notebook's state. For each cell
  it forks a runner, a snapshot that runs the cell: if the cell finishes, the runner holds
  the state from then on (the supervisor ends the old holder); if it hangs or crashes, the
  holder that forked it goes on with the state before that cell. So a timeout costs that
  cell's time once, never a replay of the cells before it. For each exercise the holder
  forks a child that answers the ``selfcheck.Server`` protocol on a socket the grading
  process hands over: every exercise starts from the same executed notebook.
"""

import ast
import base64
import contextlib
import ctypes
import io
import linecache
import math
import os
import select
import signal
import socket
import sys
import time
import traceback

from nnbasics.grading import wording
from nnbasics.sandbox import confine, wire

PR_SET_PDEATHSIG = 1


class BoundedText:
    """A text stream that keeps the first ``limit`` characters and counts the rest."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size, self.dropped = limit, [], 0, 0

    def write(self, text) -> int:
        if self.size >= self.limit:  # the common case under a flood of output: stay cheap
            self.dropped += len(text)
            return len(text)
        text = str(text)
        kept = text[: self.limit - self.size]
        self.parts.append(kept)
        self.size += len(kept)
        self.dropped += len(text) - len(kept)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def getvalue(self) -> str:
        text = "".join(self.parts)
        if self.dropped:
            text += wording.OUTPUT_TRUNCATED.format(count=self.dropped)
        return text


class _IPythonStub:
    """``get_ipython()`` for cells that used magics: magics do nothing outside Jupyter."""

    def run_line_magic(self, *args, **kwargs):
        return None

    run_cell_magic = system = getoutput = run_line_magic


FIGURE_PIXELS = 2000  # the longer side of a figure's PNG at most (matplotlib's inline default is ~800)
FIGURE_DPI = 100.0


def _png(figure, max_bytes: int) -> bytes | None:
    """``figure`` as a PNG of at most ``max_bytes`` (drawn again at half the resolution, twice), else None.

    Never ``bbox_inches="tight"``: an artist placed far away would make the canvas as large as it likes.
    """
    width, height = (float(v) for v in figure.get_size_inches())
    if not (width > 0 and height > 0 and math.isfinite(width * height)):
        return None
    dpi = min(FIGURE_DPI, FIGURE_PIXELS / max(width, height))
    for _ in range(3):
        if width * dpi < 1 or height * dpi < 1:
            return None
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
        if buffer.tell() <= max_bytes:
            return buffer.getvalue()
        dpi /= 2
    return None


def figure_outputs(limit: int, max_bytes: int) -> tuple[list, int]:
    """The matplotlib figures open after a cell, as the inline backend would show them: PNG
    ``display_data`` outputs (at most ``limit``, each at most ``max_bytes``), and how many were
    left out. Every figure is closed, so the next cell starts with none."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return [], 0
    outputs, left_out = [], 0
    try:
        numbers = list(pyplot.get_fignums())
    except Exception:
        return [], 0
    for number in numbers:
        png = None
        if len(outputs) < limit:
            with contextlib.suppress(Exception):
                png = _png(pyplot.figure(number), max_bytes)
        if png is None:
            left_out += 1
            continue
        outputs.append({"output_type": "display_data", "metadata": {},
                        "data": {"image/png": base64.b64encode(png).decode("ascii")}})
    with contextlib.suppress(Exception):
        pyplot.close("all")
    return outputs, left_out


def run_cell(source: str, namespace: dict, name: str, output_limit: int, figure_limit: int = 0,
             figure_bytes: int = 0) -> list:
    """Execute one cell like a kernel would; return its nbformat outputs (streams, the figures it
    left open as PNG images, a result, an error)."""
    filename = f"<cell {name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    out, err = BoundedText(output_limit), BoundedText(output_limit)
    outputs, result = [], None
    sys.stdout, sys.stderr = out, err
    try:
        tree = ast.parse(source, filename)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, filename, "exec"), namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace)
            if value is not None:
                result = repr(value)[:output_limit]
    except BaseException as error:
        frames = traceback.extract_tb(error.__traceback__)
        cell_frames = traceback.StackSummary.from_list([f for f in frames if f.filename != __file__])
        text = "".join(cell_frames.format()) + "".join(traceback.format_exception_only(error))
        error_output = {"output_type": "error", "ename": type(error).__name__,
                        "evalue": str(error)[:output_limit], "traceback": [text[-output_limit:]]}
    else:
        error_output = None
    finally:
        try:  # drawn while the cell's streams are still captured: matplotlib's warnings go with it
            figures, left_out = figure_outputs(figure_limit, figure_bytes)
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    if left_out:
        out.write(wording.FIGURES_CUT_IN_CELL.format(count=left_out, limit=figure_limit, kib=figure_bytes // 1024))
    for stream, name_ in ((out, "stdout"), (err, "stderr")):
        text = stream.getvalue()
        if text:
            outputs.append({"output_type": "stream", "name": name_, "text": text})
    outputs += figures
    if result is not None:
        outputs.append({"output_type": "execute_result", "data": {"text/plain": result},
                        "metadata": {}, "execution_count": None})
    if error_output:
        outputs.append(error_output)
    return outputs


def serve_exercise(sock: socket.socket, namespace: dict, cpu_seconds: int) -> None:
    """In a forked child: answer grader requests until the grading process hangs up."""
    from nnbasics.release_kit.selfcheck_protocol import Server

    confine.limit_cpu(cpu_seconds)
    sys.stdout = sys.stderr = BoundedText(0)  # nothing a student prints reaches the grader
    server = Server(namespace)
    while True:
        try:
            request = wire.recv(sock)
        except (wire.ChannelClosed, OSError):
            return
        try:
            wire.send(sock, server.handle(request))
        except Exception as error:  # an answer that cannot be encoded or sent
            wire.send(sock, {"raised": [type(error).__name__, wording.CANNOT_SEND]})


def end_strays() -> None:
    """End every other process of the namespace (the supervisor is immune), which notebook
    code left running: each exercise then starts from the notebook's state alone and with
    the whole process cap (a notebook that filled it would otherwise leave no room)."""
    try:
        os.kill(-1, signal.SIGKILL)  # inside a PID namespace: every process in it but this one and PID 1
    except ProcessLookupError:
        return  # there were none
    while True:  # reap our own children; the supervisor reaps the orphans
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _fork(attempts: int = 20) -> int | None:
    """fork(), waiting a little while the process cap is full (the supervisor is still reaping)."""
    for _ in range(attempts):
        try:
            return os.fork()
        except OSError:
            time.sleep(0.05)
    return None


def hold(channel: socket.socket, settings: dict, own_pid_namespace: bool) -> None:
    """The state holder's loop (and, after a cell that finished, its runner's)."""
    namespace = {"__name__": "__main__", "__builtins__": __builtins__, "get_ipython": _IPythonStub}
    while True:
        try:
            command = wire.recv(channel)
        except (wire.ChannelClosed, OSError):
            os._exit(0)
        if command["cmd"] == "cell":
            cell = command["cell"]
            runner = _fork(1)  # the snapshot; with the cap full, the cell runs here, unprotected
            if runner:  # the snapshot: wait; the supervisor ends us if the cell finishes
                os.waitpid(runner, 0)
                continue  # it hung or crashed: the state before that cell goes on here
            wire.send(channel, {"started": cell["index"], "pid": os.getpid()})
            outputs = run_cell(cell["source"], namespace, cell["name"], settings["output_chars"],
                               settings["figure_limit"], settings["figure_bytes"])
            wire.send(channel, {"cell": cell["index"], "outputs": outputs})
        elif command["cmd"] == "fork":
            _, fds, _, _ = socket.recv_fds(channel, 1, 1)
            if own_pid_namespace:  # elsewhere -1 would mean every process of this user
                end_strays()
            pid = _fork()  # None: the cap is still full (threads the notebook started in this process)
            if pid == 0:
                channel.close()
                os.setpgid(0, 0)  # its own process group: killing "its group" cannot reach the holder
                serve_exercise(socket.socket(fileno=fds[0]), namespace, command["cpu_seconds"])
                os._exit(0)
            os.close(fds[0])
            wire.send(channel, {"forked": pid})
            if pid:
                os.waitpid(pid, 0)  # the supervisor reports its end


class Supervisor:
    """PID 1: relays commands to the state holder, watches it and the process it runs."""

    def __init__(self, control: socket.socket, settings: dict, own_pid_namespace: bool):
        self.control = control
        self.channel, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            self.channel.close()
            control.close()
            hold(theirs, settings, own_pid_namespace)
        theirs.close()
        self.holder = self._watch(pid)
        self.runner: tuple[int, int] | None = None  # (pid, pidfd) of a cell's runner or an exercise
        self.running = ""  # "cell" or "exercise"

    @staticmethod
    def _watch(pid) -> tuple[int, int] | None:
        try:
            return int(pid), os.pidfd_open(int(pid))
        except (OSError, TypeError, ValueError):
            return None

    @staticmethod
    def _forget(watched) -> None:
        if watched:
            os.close(watched[1])

    def run(self) -> None:
        while True:
            watched = [w[1] for w in (self.holder, self.runner) if w]
            channel = [self.channel] if self.channel else []
            ready, _, _ = select.select([self.control, *channel, *watched], [], [], 0.5)
            self._reap()
            if self.runner and self.runner[1] in ready:
                self._runner_ended()
            if self.holder and self.holder[1] in ready:
                self._forget(self.holder)
                self.holder = None  # a cell's runner may still take its place
            if self.channel in ready:
                try:
                    message = wire.recv(self.channel)
                except (wire.ChannelClosed, OSError):  # garbage, or every process that held it is gone
                    self._channel_broken()
                else:
                    self._from_holder(message)
            if self.control in ready:
                try:
                    command = wire.recv(self.control)
                except (wire.ChannelClosed, OSError):
                    return  # the grading process hung up
                self._from_grader(command)

    @staticmethod
    def _reap() -> None:
        """Orphans of the namespace come to PID 1: until reaped they still hold process ids."""
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass

    def _from_grader(self, command: dict) -> None:
        if command["cmd"] == "kill":
            if self.runner:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.runner[0], signal.SIGKILL)
            return
        fds = socket.recv_fds(self.control, 1, 1)[1] if command["cmd"] == "fork" else []
        try:
            if self.holder is None:  # killed by the notebook's own processes: nothing to run it in
                wire.send(self.control, {"lost": "the notebook's state is gone"})
                return
            self.running = command["cmd"] if command["cmd"] == "cell" else "exercise"
            wire.send(self.channel, command)
            if fds:
                socket.send_fds(self.channel, [b"F"], fds)
        finally:
            for fd in fds:
                os.close(fd)

    def _from_holder(self, message) -> None:
        """Relay a message (the grading process checks it); act on the ones in turn."""
        if not self.running:
            return  # nothing was asked: from a runner killed a moment ago, or from its leftovers
        if isinstance(message, dict) and self.runner is None:
            if self.running == "cell" and "started" in message:
                self.runner = self._watch(message.get("pid"))
            elif self.running == "exercise" and "forked" in message:
                self.runner = self._watch(message["forked"]) if message["forked"] else None
                self.running = "exercise" if self.runner else ""
        elif isinstance(message, dict) and self.running == "cell" and "cell" in message:
            if self.holder and self.holder[0] == self.runner[0]:  # it ran in place
                self._forget(self.runner)
            else:  # the runner now holds the state: the snapshot before its cell is not needed
                if self.holder:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(self.holder[0], signal.SIGKILL)
                    self._forget(self.holder)
                self.holder = self.runner
            self.runner, self.running = None, ""
        wire.send(self.control, message)

    def _channel_broken(self) -> None:
        """Student code wrote what is not a message to the channel, or nothing is left to read
        it: end the state's holder and a cell's runner; the grading process starts again."""
        self.channel.close()
        self.channel = None
        for process in (self.holder, self.runner if self.running == "cell" else None):
            if process:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process[0], signal.SIGKILL)
        self._forget(self.holder)
        self.holder = None
        if self.running and not self.runner:
            wire.send(self.control, {"lost": "the channel to the notebook's state broke"})
            self.running = ""

    def _runner_ended(self) -> None:
        """A cell's runner ended without its outputs (killed, crashed), or an exercise ended."""
        if self.holder and self.holder[0] == self.runner[0]:  # the cell ran in the holder itself
            self._forget(self.holder)
            self.holder = None
        self._forget(self.runner)
        self.runner = None
        if self.running == "exercise":
            wire.send(self.control, {"exited": True})
        elif self.holder:
            wire.send(self.control, {"resumed": True})  # the holder goes on with the state before the cell
        else:
            wire.send(self.control, {"lost": "the notebook's state is gone"})
        self.running = ""


def serve(control: socket.socket, settings: dict, status: dict) -> None:
    """Confine this process, then supervise the notebook's state as the grading process asks."""
    outer_pid = int(os.readlink("/proc/self"))  # as the grading process sees it (we are PID 1 in here)
    status = {**status, **confine.prepare(settings, status)}
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # again: changing our uid cleared it
    wire.send(control, {"ready": status, "pid": outer_pid})
    Supervisor(control, settings, own_pid_namespace=os.getpid() == 1).run()
