"""The student-side process: runs a notebook's cells, then serves graders one exercise at a time.

Forked by the zygote (``zygote.py``) for one submission. It confines itself
(``confine.py``) before it runs any student code, executes cells on request (streaming
their outputs back), and for each exercise forks a child that answers the
``selfcheck.Server`` protocol on a socket the grading process hands over. Forking from the
executed notebook gives every exercise the same fresh state and makes a hung or crashed
exercise cost nothing but that child.
"""

import ast
import linecache
import os
import select
import signal
import socket
import sys
import traceback

from nnbasics.sandbox import confine, wire


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
            text += f"\n... (출력 {self.dropped}자 생략: output truncated)\n"
        return text


class _IPythonStub:
    """``get_ipython()`` for cells that used magics: magics do nothing outside Jupyter."""

    def run_line_magic(self, *args, **kwargs):
        return None

    run_cell_magic = system = getoutput = run_line_magic


def run_cell(source: str, namespace: dict, name: str, output_limit: int) -> list:
    """Execute one cell like a kernel would; return its nbformat outputs."""
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
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    for stream, name_ in ((out, "stdout"), (err, "stderr")):
        text = stream.getvalue()
        if text:
            outputs.append({"output_type": "stream", "name": name_, "text": text})
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
            wire.send(sock, {"raised": [type(error).__name__, "결과를 보낼 수 없어요"]})


def end_strays() -> None:
    """End every other process in this PID namespace, which notebook code left running.

    Each exercise then starts from the notebook's state alone and with the whole process
    cap (a notebook that filled it would otherwise leave no room to fork the exercise).
    """
    if os.getpid() != 1:  # no PID namespace of our own: -1 would mean every process of this user
        return
    try:
        os.kill(-1, signal.SIGKILL)  # from PID 1 of a namespace: every process in it but itself
    except ProcessLookupError:
        return  # there were none
    while True:  # reap them (orphans come to PID 1): until then they still hold their process ids
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def wait_or_kill(pid: int, control: socket.socket) -> int:
    """Wait for an exercise's child; kill it when the grading process says so (time is up).

    The grading process cannot kill it itself: inside a PID namespace its number means
    nothing outside.
    """
    pidfd = os.pidfd_open(pid)
    try:
        while True:
            ready, _, _ = select.select([pidfd, control], [], [])
            if control in ready and wire.recv(control).get("cmd") == "kill":
                os.kill(pid, signal.SIGKILL)
            if pidfd in ready:
                return os.waitpid(pid, 0)[1]
    finally:
        os.close(pidfd)


def serve(control: socket.socket, settings: dict, status: dict) -> None:
    """Confine this process, then run cells and fork exercises as the grading process asks."""
    outer_pid = int(os.readlink("/proc/self"))  # as the grading process sees it (we are PID 1 in here)
    status = {**status, **confine.prepare(settings)}
    namespace = {"__name__": "__main__", "__builtins__": __builtins__, "get_ipython": _IPythonStub}
    wire.send(control, {"ready": status, "pid": outer_pid})
    while True:
        try:
            command = wire.recv(control)
        except (wire.ChannelClosed, OSError):
            return
        if command["cmd"] == "exec":
            for cell in command["cells"]:
                wire.send(control, {"started": cell["index"]})
                outputs = run_cell(cell["source"], namespace, cell["name"], settings["output_chars"])
                wire.send(control, {"cell": cell["index"], "outputs": outputs})
            wire.send(control, {"done": True})
        elif command["cmd"] == "fork":
            _, fds, _, _ = socket.recv_fds(control, 1, 1)
            end_strays()
            try:
                pid = os.fork()
            except OSError:  # the cap is still full: threads the notebook started in this process
                os.close(fds[0])
                wire.send(control, {"forked": None})
                continue
            if pid == 0:
                control.close()
                os.setpgid(0, 0)  # its own process group: killing "its group" cannot reach this worker
                serve_exercise(socket.socket(fileno=fds[0]), namespace, command["cpu_seconds"])
                os._exit(0)
            os.close(fds[0])
            wire.send(control, {"forked": pid})
            wire.send(control, {"exited": wait_or_kill(pid, control)})
