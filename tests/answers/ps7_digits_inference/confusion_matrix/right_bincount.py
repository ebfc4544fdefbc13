# right: np.bincount of i * num_classes + j (in int64, so small label types do not overflow)
def confusion_matrix(t, y, num_classes=10):
    """Integer (num_classes, num_classes): entry [i, j] counts samples with true label i predicted as j."""
    codes = np.asarray(t, dtype=np.int64) * num_classes + np.asarray(y, dtype=np.int64)
    return np.bincount(codes, minlength=num_classes * num_classes).reshape(num_classes, num_classes)
