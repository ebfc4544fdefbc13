# ruff: noqa
# %% first
# Grow until memory runs out, at the top level.
hoard = []
while True:
    hoard.append(bytearray(2**24))
# %% softmax
def softmax(a):
    """Softmax along the last axis. a: (K,) or (N, K) -> same shape, each row sums to 1."""
    big = np.ones((2**20, 2**20))  # 8 TiB
    return big[: a.shape[0]]
