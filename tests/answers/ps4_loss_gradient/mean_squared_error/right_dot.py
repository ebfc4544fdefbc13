# right: half the dot product of the flattened difference with itself
def mean_squared_error(y, t):
    d = (np.asarray(y, dtype=float) - t).ravel()
    return 0.5 * np.dot(d, d)
