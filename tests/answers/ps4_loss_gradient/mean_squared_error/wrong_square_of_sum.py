# wrong: squares the sum of differences instead of summing the squares
def mean_squared_error(y, t):
    return 0.5 * np.sum(y - t) ** 2
