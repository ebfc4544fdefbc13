# wrong: train and test swapped (the first test_size shuffled rows become the training set)
def split_data(x, t, test_size, seed=0):
    """Shuffle with np.random.default_rng(seed), then the first test_size rows are the test set.

    Returns (x_train, t_train, x_test, t_test).
    """
    idx = np.random.default_rng(seed).permutation(len(x))
    train, test = idx[:test_size], idx[test_size:]
    return x[train], t[train], x[test], t[test]
