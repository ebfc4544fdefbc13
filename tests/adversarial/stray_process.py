# ruff: noqa
# %% first
# Leave processes behind that outlive the grading: a new session, a double fork, and one
# that no longer dies with its parent. Each takes the name in stray_name.txt (beside the
# notebook) so that the test can look for it.
import ctypes
import os
import subprocess
import sys
import time

libc = ctypes.CDLL(None)
PR_SET_PDEATHSIG, PR_SET_NAME = 1, 15
NAME = open("stray_name.txt", "rb").read().strip()
subprocess.Popen([sys.executable, "-c", f"import ctypes, time\nctypes.CDLL(None).prctl(15, {NAME!r})\n"
                  "time.sleep(600)"], start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        libc.prctl(PR_SET_NAME, NAME)
        time.sleep(600)
    os._exit(0)
print("left behind")
# %% last
# This process itself: it stops dying with the process the grading kills, then hangs.
libc.prctl(PR_SET_PDEATHSIG, 0)
libc.prctl(PR_SET_NAME, NAME)
while True:
    pass
# %% relu
def relu(x):
    """ReLU. x: scalar or array of any shape -> array of the same shape, max(0, x) elementwise."""
    if os.fork() == 0:
        os.setsid()
        libc.prctl(PR_SET_NAME, NAME)
        time.sleep(600)
        os._exit(0)
    return np.maximum(0, x)
