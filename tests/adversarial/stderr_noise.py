# ruff: noqa
# %% first
# Correct code may warn and write to stderr: that must cost nothing.
import sys
import warnings

print("a note on stderr", file=sys.stderr)
warnings.warn("a warning at the top level")
np.exp(np.array([1000.0]))  # RuntimeWarning: overflow
# %% step_function
def step_function(x):
    """Step function. x: scalar or array of any shape -> int array of the same shape."""
    import sys, warnings
    print("step_function called", file=sys.stderr)
    warnings.warn("step_function warns", UserWarning)
    return np.array(x > 0, dtype=int)
# %% sigmoid
def sigmoid(x):
    """Sigmoid. x: scalar or array of any shape -> float array of the same shape, values in [0, 1]."""
    import warnings
    warnings.warn("sigmoid warns", DeprecationWarning)
    return 1 / (1 + np.exp(-x))  # overflows (and warns) for large negative x
