# ruff: noqa
# %% first
raise SystemExit(0)
# %% first
raise KeyboardInterrupt
# %% first
import sys

sys.exit("bye")
# %% step_function
def step_function(x):
    """Step function. x: scalar or array of any shape -> int array of the same shape."""
    raise SystemExit(0)
