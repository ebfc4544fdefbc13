# right: a plain loop over the labels
def one_hot(t, num_classes=10):
    """Integer labels t (N,) -> float64 (N, num_classes): 1.0 at each row's label, 0.0 elsewhere."""
    result = np.zeros((len(t), num_classes), dtype=np.float64)
    for i, label in enumerate(t):
        result[i, int(label)] = 1
    return result
