# wrong: matrix[t, y] += 1 counts a repeated (i, j) pair only once
def confusion_matrix(t, y, num_classes=10):
    """Integer (num_classes, num_classes): entry [i, j] counts samples with true label i predicted as j."""
    matrix = np.zeros((num_classes, num_classes), dtype=int)
    matrix[t, y] += 1
    return matrix
