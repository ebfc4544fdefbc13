# right: np.take along axis 0 with the two halves of the permutation
def split_data(x, t, test_size, seed=0):
    """Shuffle with np.random.default_rng(seed), then the first test_size rows are the test set.

    Returns (x_train, t_train, x_test, t_test).
    """
    rng = np.random.default_rng(seed)
    order = rng.permutation(x.shape[0])
    test_rows, train_rows = np.split(order, [test_size])
    return (np.take(x, train_rows, axis=0), np.take(t, train_rows, axis=0),
            np.take(x, test_rows, axis=0), np.take(t, test_rows, axis=0))
