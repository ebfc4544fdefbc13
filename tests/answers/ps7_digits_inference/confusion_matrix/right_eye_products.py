# right: one-hot rows of t and y, then T.T @ Y counts every (i, j) pair
def confusion_matrix(t, y, num_classes=10):
    """Integer (num_classes, num_classes): entry [i, j] counts samples with true label i predicted as j."""
    T = np.eye(num_classes, dtype=np.int64)[t]
    Y = np.eye(num_classes, dtype=np.int64)[y]
    return T.T @ Y
