# right: the 1-D book formula, applied row by row for a batch
def softmax(a):
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:
        exp_a = np.exp(a - np.max(a))
        return exp_a / np.sum(exp_a)
    return np.array([softmax(row) for row in a])
