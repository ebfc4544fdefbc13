# wrong: counts in a float array (np.zeros' default dtype)
def confusion_matrix(t, y, num_classes=10):
    """Integer (num_classes, num_classes): entry [i, j] counts samples with true label i predicted as j."""
    matrix = np.zeros((num_classes, num_classes))
    for i, j in zip(t, y):
        matrix[i, j] += 1
    return matrix
