# right: a while loop and np.count_nonzero
def accuracy(network, x, t, batch_size=100):
    """Share of samples whose predicted class (argmax of predict) equals the integer label t."""
    n, i, correct = x.shape[0], 0, 0
    while i < n:
        predicted = predict(network, x[i:i + batch_size]).argmax(axis=1)
        correct += np.count_nonzero(predicted == t[i:i + batch_size])
        i += batch_size
    return correct / n
