# right: np.dot instead of @, the book's variable names
def predict(network, x):
    """x (d,) or (N, d) -> class probabilities (C,) or (N, C): sigmoid, sigmoid, softmax."""
    W1, W2, W3 = network['W1'], network['W2'], network['W3']
    b1, b2, b3 = network['b1'], network['b2'], network['b3']
    a1 = np.dot(x, W1) + b1
    z1 = sigmoid(a1)
    a2 = np.dot(z1, W2) + b2
    z2 = sigmoid(a2)
    a3 = np.dot(z2, W3) + b3
    return softmax(a3)
