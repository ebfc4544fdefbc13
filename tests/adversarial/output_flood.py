# ruff: noqa
# %% first
# Millions of lines of output, one enormous line, on both streams, and as a result.
import sys

for i in range(10**6):
    print(i)
    print(i, file=sys.stderr)
print("x" * 10**7)
"y" * 10**7
# %% step_function
def step_function(x):
    """Step function. x: scalar or array of any shape -> int array of the same shape."""
    import sys
    for i in range(10**4):
        print("flood", i)
        print("flood", i, file=sys.stderr)
    return np.array(x > 0, dtype=int)
