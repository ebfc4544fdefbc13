# wrong: ReLU instead of sigmoid in the hidden layers
def predict(network, x):
    """x (d,) or (N, d) -> class probabilities (C,) or (N, C): sigmoid, sigmoid, softmax."""
    z1 = np.maximum(0, x @ network['W1'] + network['b1'])
    z2 = np.maximum(0, z1 @ network['W2'] + network['b2'])
    return softmax(z2 @ network['W3'] + network['b3'])
