# wrong: its own softmax without subtracting the max (overflows to NaN on large scores)
def predict(network, x):
    """x (d,) or (N, d) -> class probabilities (C,) or (N, C): sigmoid, sigmoid, softmax."""
    z1 = sigmoid(x @ network['W1'] + network['b1'])
    z2 = sigmoid(z1 @ network['W2'] + network['b2'])
    e = np.exp(z2 @ network['W3'] + network['b3'])
    return e / np.sum(e, axis=-1, keepdims=True)
