# ruff: noqa
# %% first
# Start processes until something says no (a fork bomb that stops at 3000, so that a
# machine without the process cap survives this test too).
import os
import time

started = 0
try:
    while started < 3000:
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
        started += 1
    print("no cap")
except OSError as error:
    print(f"{type(error).__name__} after {started}")
