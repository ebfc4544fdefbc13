# wrong: forgets the biases
def predict(network, x):
    """x (d,) or (N, d) -> class probabilities (C,) or (N, C): sigmoid, sigmoid, softmax."""
    z1 = sigmoid(x @ network['W1'])
    z2 = sigmoid(z1 @ network['W2'])
    return softmax(z2 @ network['W3'])
