# wrong: returns scikit-learn's order (x_train, x_test, t_train, t_test)
def split_data(x, t, test_size, seed=0):
    """Shuffle with np.random.default_rng(seed), then the first test_size rows are the test set.

    Returns (x_train, t_train, x_test, t_test).
    """
    idx = np.random.default_rng(seed).permutation(len(x))
    test, train = idx[:test_size], idx[test_size:]
    return x[train], x[test], t[train], t[test]
