# wrong: only whole batches: the last, shorter batch is never predicted
def accuracy(network, x, t, batch_size=100):
    """Share of samples whose predicted class (argmax of predict) equals the integer label t."""
    correct = 0
    for b in range(len(x) // batch_size):
        i = b * batch_size
        y = predict(network, x[i:i + batch_size])
        correct += np.sum(np.argmax(y, axis=1) == t[i:i + batch_size])
    return correct / len(x)
