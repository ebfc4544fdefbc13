# right: compares each label with 0..num_classes-1 by broadcasting
def one_hot(t, num_classes=10):
    """Integer labels t (N,) -> float64 (N, num_classes): 1.0 at each row's label, 0.0 elsewhere."""
    return (np.reshape(t, (-1, 1)) == np.arange(num_classes)).astype(np.float64)
