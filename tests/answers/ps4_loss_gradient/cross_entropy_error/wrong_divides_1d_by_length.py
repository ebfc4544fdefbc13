# wrong: always divides by y.shape[0], which is the number of classes for a 1-D y
def cross_entropy_error(y, t):
    if t.size == y.size:
        return -np.sum(t * np.log(y + 1e-7)) / y.shape[0]
    y2 = np.atleast_2d(y)
    return -np.sum(np.log(y2[np.arange(y2.shape[0]), np.ravel(t)] + 1e-7)) / y.shape[0]
