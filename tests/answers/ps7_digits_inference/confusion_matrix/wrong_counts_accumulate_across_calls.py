# wrong: keeps one matrix per size between calls, so counts pile up
_matrices = {}


def confusion_matrix(t, y, num_classes=10):
    """Integer (num_classes, num_classes): entry [i, j] counts samples with true label i predicted as j."""
    matrix = _matrices.setdefault(num_classes, np.zeros((num_classes, num_classes), dtype=int))
    for i, j in zip(t, y):
        matrix[i, j] += 1
    return matrix
