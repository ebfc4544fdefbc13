# wrong: returns how many were right, not the share
def accuracy(network, x, t, batch_size=100):
    """Share of samples whose predicted class (argmax of predict) equals the integer label t."""
    correct = 0
    for i in range(0, len(x), batch_size):
        y = predict(network, x[i:i + batch_size])
        correct += np.sum(np.argmax(y, axis=1) == t[i:i + batch_size])
    return correct
