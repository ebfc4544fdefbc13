# wrong: the global generator (np.random.seed + np.random.permutation) instead of default_rng(seed)
def split_data(x, t, test_size, seed=0):
    """Shuffle with np.random.default_rng(seed), then the first test_size rows are the test set.

    Returns (x_train, t_train, x_test, t_test).
    """
    np.random.seed(seed)
    idx = np.random.permutation(len(x))
    return x[idx[test_size:]], t[idx[test_size:]], x[idx[:test_size]], t[idx[:test_size]]
