# wrong: treats labels as 1-based (label k at column k - 1)
def one_hot(t, num_classes=10):
    """Integer labels t (N,) -> float64 (N, num_classes): 1.0 at each row's label, 0.0 elsewhere."""
    return np.eye(num_classes)[np.asarray(t) - 1]
