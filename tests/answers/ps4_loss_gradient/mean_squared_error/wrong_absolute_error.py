# wrong: absolute differences instead of squares
def mean_squared_error(y, t):
    return 0.5 * np.sum(np.abs(y - t))
