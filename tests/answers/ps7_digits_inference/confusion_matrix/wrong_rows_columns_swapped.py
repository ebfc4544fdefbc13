# wrong: rows are the predictions and columns the true labels
def confusion_matrix(t, y, num_classes=10):
    """Integer (num_classes, num_classes): entry [i, j] counts samples with true label i predicted as j."""
    matrix = np.zeros((num_classes, num_classes), dtype=int)
    np.add.at(matrix, (y, t), 1)
    return matrix
