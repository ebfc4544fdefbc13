# right: the book's first version (-Σ t·log(y + 1e-7)) for one-hot t, labels by indexing
def cross_entropy_error(y, t):
    y, t = np.asarray(y), np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = t.reshape(1, -1)
    batch_size = y.shape[0]
    if t.size == y.size:
        return -np.sum(t * np.log(y + 1e-7)) / batch_size
    return -np.sum(np.log(y[np.arange(batch_size), t.ravel()] + 1e-7)) / batch_size
