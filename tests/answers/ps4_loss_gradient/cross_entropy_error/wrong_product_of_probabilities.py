# wrong: the log of a product of probabilities (underflows to log(0) on long batches)
def cross_entropy_error(y, t):
    if y.ndim == 1:
        y, t = y.reshape(1, -1), np.reshape(t, (1, -1))
    if t.size == y.size:
        t = t.argmax(axis=1)
    n = y.shape[0]
    return -np.log(np.prod(y[np.arange(n), np.ravel(t)] + 1e-7)) / n
