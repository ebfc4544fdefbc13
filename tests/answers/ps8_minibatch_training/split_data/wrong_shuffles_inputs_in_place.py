# wrong: shuffles the caller's x and t in place, then returns slices (views) of them
def split_data(x, t, test_size, seed=0):
    """Shuffle with np.random.default_rng(seed), then the first test_size rows are the test set.

    Returns (x_train, t_train, x_test, t_test).
    """
    idx = np.random.default_rng(seed).permutation(len(x))
    x[:] = x[idx]
    t[:] = t[idx]
    return x[test_size:], t[test_size:], x[:test_size], t[:test_size]
