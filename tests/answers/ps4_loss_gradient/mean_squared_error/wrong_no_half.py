# wrong: the factor 0.5 is missing
def mean_squared_error(y, t):
    return np.sum((y - t) ** 2)
