# wrong: no shuffling: the first test_size rows are the test set
def split_data(x, t, test_size, seed=0):
    """Shuffle with np.random.default_rng(seed), then the first test_size rows are the test set.

    Returns (x_train, t_train, x_test, t_test).
    """
    return x[test_size:], t[test_size:], x[:test_size], t[:test_size]
