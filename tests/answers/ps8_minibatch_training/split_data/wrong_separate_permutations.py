# wrong: shuffles x and t with two different permutations, so images lose their labels
def split_data(x, t, test_size, seed=0):
    """Shuffle with np.random.default_rng(seed), then the first test_size rows are the test set.

    Returns (x_train, t_train, x_test, t_test).
    """
    rng = np.random.default_rng(seed)
    ix, it = rng.permutation(len(x)), rng.permutation(len(t))
    return x[ix[test_size:]], t[it[test_size:]], x[ix[:test_size]], t[it[:test_size]]
