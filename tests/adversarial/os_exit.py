# ruff: noqa
# %% first
# End the process at the top level, before any solution cell has run.
import os

os._exit(3)
# %% sigmoid
def sigmoid(x):
    """Sigmoid. x: scalar or array of any shape -> float array of the same shape, values in [0, 1]."""
    import os
    os._exit(0)
