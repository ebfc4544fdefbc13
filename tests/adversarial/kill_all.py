# ruff: noqa
# %% first
# Kill every process it can reach. Guarded: only inside the sandbox's own PID namespace
# (whose PID 1 is the sandbox's supervisor), which is what should keep the signals inside it.
import os
import signal


def in_sandbox():
    try:
        with open("/proc/1/cmdline", "rb") as f:
            return b"nnbasics.sandbox.zygote" in f.read()
    except OSError:
        return False


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
