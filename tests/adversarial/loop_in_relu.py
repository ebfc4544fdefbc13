# ruff: noqa
# %% relu
def relu(x):
    """ReLU. x: scalar or array of any shape -> array of the same shape, max(0, x) elementwise."""
    while True:
        pass
