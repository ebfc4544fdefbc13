"""The zygote: imports numpy and matplotlib once, then forks one worker per submission.

Started once per grading process (``client.zygote()``) as
``python -I -m nnbasics.sandbox.zygote <control fd>``. Importing numpy and matplotlib is
most of what a fresh student process costs (~0.6 s); a fork of a process that already
has them costs milliseconds. Each request carries the worker's settings and its control
socket; the zygote forks a child, which forks one that enters fresh namespaces (the
first writes its id maps from outside) and forks again, so the worker is PID 1 of its
own PID namespace (when it dies, every process student code started dies with it) and
dies itself when the grading process kills the zygote's child.
"""

import ctypes
import json
import os
import signal
import socket
import sys
import time

PR_SET_PDEATHSIG = 1


def _become_worker(control: socket.socket, settings: dict) -> None:
    """Make the namespaces, with a child inside them whose id maps we write from outside
    (``confine.map_ids``), and whose first child is the worker, PID 1 of the PID namespace."""
    from nnbasics.sandbox import cgroups, confine, worker

    os.setsid()
    caps = cgroups.enter({"pids": settings["process_limit"], "memory": settings["memory_limit"]})  # before forking
    status = {"process count": caps["pids"], "memory in all": caps["memory"]}
    made_r, made_w = os.pipe()
    mapped_r, mapped_w = os.pipe()
    pid = os.fork()
    if pid:  # outside: write the child's id maps once it has made its user namespace
        control.close()
        os.close(made_w)  # so that a child that died reads as an empty message, not a hang
        os.close(mapped_r)
        made = json.loads(os.read(made_r, 1 << 16) or b"{}")
        mapped = {"unprivileged": "unavailable (no user namespace)"}
        if made.get("processes") == "ok":
            try:
                mapped = confine.map_ids(pid)
            except OSError as error:
                mapped = {"unprivileged": f"unavailable ({error.strerror})"}
        os.write(mapped_w, json.dumps(mapped).encode())
        _exit_as(pid)
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # our parent is killed: so are we
    os.close(made_r)
    os.close(mapped_w)
    status.update(confine.unshare_namespaces())
    os.write(made_w, json.dumps(status).encode())
    status.update(json.loads(os.read(mapped_r, 1 << 16) or b"{}"))
    os.close(made_w)
    os.close(mapped_r)
    pid = os.fork()  # the first child after unshare(CLONE_NEWPID) is PID 1 of the namespace
    if pid:
        control.close()
        _exit_as(pid)
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    worker.serve(control, settings, status)
    os._exit(0)


def _exit_as(pid: int) -> None:
    """Wait for child ``pid`` and exit with its code."""
    _, code = os.waitpid(pid, 0)
    os._exit(os.waitstatus_to_exitcode(code) & 0xFF)


def main() -> None:
    from nnbasics.sandbox import cgroups, wire

    control = socket.socket(fileno=int(sys.argv[1]))
    import matplotlib.font_manager
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401

    import nnbasics.release_kit.selfcheck_protocol
    import nnbasics.sandbox.worker  # noqa: F401

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    cgroups.sweep(None)
    while True:
        try:
            request = wire.recv(control)
            _, fds, _, _ = socket.recv_fds(control, 1, 1)
        except (wire.ChannelClosed, OSError):
            for _ in range(10):  # the last workers were killed a moment ago: let them go first
                if not cgroups.sweep(os.getpid()):
                    break
                time.sleep(0.05)
            return  # the grading process is gone
        cgroups.sweep(os.getpid())  # the groups of its workers that have ended
        pid = os.fork()
        if pid == 0:
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            _become_worker(socket.socket(fileno=fds[0]), request["settings"])
        os.close(fds[0])
        wire.send(control, {"pid": pid})


if __name__ == "__main__":
    main()
