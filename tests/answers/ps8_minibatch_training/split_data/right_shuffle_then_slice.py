# right: shuffled copies first (fancy indexing copies), then slices of those copies
def split_data(x, t, test_size, seed=0):
    """Shuffle with np.random.default_rng(seed), then the first test_size rows are the test set.

    Returns (x_train, t_train, x_test, t_test).
    """
    idx = np.random.default_rng(seed).permutation(np.arange(len(x)))
    xs, ts = x[idx], t[idx]
    return xs[test_size:], ts[test_size:], xs[:test_size], ts[:test_size]
