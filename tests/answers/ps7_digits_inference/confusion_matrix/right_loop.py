# right: a plain loop over the pairs
def confusion_matrix(t, y, num_classes=10):
    """Integer (num_classes, num_classes): entry [i, j] counts samples with true label i predicted as j."""
    matrix = np.zeros((num_classes, num_classes), dtype=int)
    for true, predicted in zip(t, y):
        matrix[true, predicted] += 1
    return matrix
