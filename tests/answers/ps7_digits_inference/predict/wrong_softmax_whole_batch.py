# wrong: its own softmax normalises the whole batch at once instead of each row
def batch_softmax(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e)


def predict(network, x):
    """x (d,) or (N, d) -> class probabilities (C,) or (N, C): sigmoid, sigmoid, softmax."""
    z1 = sigmoid(x @ network['W1'] + network['b1'])
    z2 = sigmoid(z1 @ network['W2'] + network['b2'])
    return batch_softmax(z2 @ network['W3'] + network['b3'])
