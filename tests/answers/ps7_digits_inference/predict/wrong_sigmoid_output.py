# wrong: a sigmoid on the output layer instead of the softmax
def predict(network, x):
    """x (d,) or (N, d) -> class probabilities (C,) or (N, C): sigmoid, sigmoid, softmax."""
    z1 = sigmoid(x @ network['W1'] + network['b1'])
    z2 = sigmoid(z1 @ network['W2'] + network['b2'])
    return sigmoid(z2 @ network['W3'] + network['b3'])
