# wrong: an integer array instead of float64
def one_hot(t, num_classes=10):
    """Integer labels t (N,) -> float64 (N, num_classes): 1.0 at each row's label, 0.0 elsewhere."""
    return np.eye(num_classes, dtype=int)[t]
