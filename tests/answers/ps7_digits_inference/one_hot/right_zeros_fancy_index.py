# right: zeros, then one fancy-indexed assignment per row
def one_hot(t, num_classes=10):
    """Integer labels t (N,) -> float64 (N, num_classes): 1.0 at each row's label, 0.0 elsewhere."""
    t = np.asarray(t)
    result = np.zeros((t.size, num_classes))
    result[np.arange(t.size), t] = 1.0
    return result
