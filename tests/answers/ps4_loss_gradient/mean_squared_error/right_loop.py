# right: a plain loop over every element
def mean_squared_error(y, t):
    total = 0.0
    for yk, tk in zip(np.ravel(y), np.ravel(t)):
        total += (yk - tk) ** 2
    return 0.5 * total
