# wrong: a true mean (divides by the number of elements), not the book's ½Σ
def mean_squared_error(y, t):
    return np.mean((y - t) ** 2)
