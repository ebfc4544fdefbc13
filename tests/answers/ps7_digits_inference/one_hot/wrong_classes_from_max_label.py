# wrong: the number of columns from the largest label seen, not num_classes
def one_hot(t, num_classes=10):
    """Integer labels t (N,) -> float64 (N, num_classes): 1.0 at each row's label, 0.0 elsewhere."""
    t = np.asarray(t)
    return np.eye(t.max() + 1)[t]
