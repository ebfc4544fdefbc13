# wrong: always 10 x 10, whatever num_classes says
def confusion_matrix(t, y, num_classes=10):
    """Integer (num_classes, num_classes): entry [i, j] counts samples with true label i predicted as j."""
    matrix = np.zeros((10, 10), dtype=int)
    for i, j in zip(t, y):
        matrix[i, j] += 1
    return matrix
