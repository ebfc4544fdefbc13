# wrong: no 1e-7 inside the log (inf or NaN when a probability is 0)
def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    batch_size = y.shape[0]
    if t.size == y.size:
        return -np.sum(t * np.log(y)) / batch_size
    return -np.sum(np.log(y[np.arange(batch_size), t])) / batch_size
