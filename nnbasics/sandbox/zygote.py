"""The zygote: imports numpy and matplotlib once, then forks one worker per submission.

Started once per grading process (``client.zygote()``) as
``python -I -m nnbasics.sandbox.zygote <control fd>``. Importing numpy and matplotlib is
most of what a fresh student process costs (~0.6 s); a fork of a process that already
has them costs milliseconds. Each request carries the worker's settings and its control
socket; the zygote forks a child that enters fresh namespaces and forks again, so the
worker is PID 1 of its own PID namespace (when it dies, every process student code
started dies with it) and dies itself when the grading process kills that child.
"""

import ctypes
import os
import signal
import socket
import sys
import time

PR_SET_PDEATHSIG = 1


def _become_worker(control: socket.socket, settings: dict) -> None:
    from nnbasics.sandbox import cgroups, confine, worker

    os.setsid()
    caps = cgroups.enter({"pids": settings["process_limit"], "memory": settings["memory_limit"]})  # before forking
    status = {**confine.enter_namespaces(), "process count": caps["pids"], "memory in all": caps["memory"]}
    pid = os.fork()  # the first child after unshare(CLONE_NEWPID) is PID 1 of the namespace
    if pid:
        control.close()
        _, code = os.waitpid(pid, 0)
        os._exit(os.waitstatus_to_exitcode(code) & 0xFF)
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # our parent is killed: so are we
    worker.serve(control, settings, status)
    os._exit(0)


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
