# right: a loop over the layers, its own sigmoid (tanh form) and a log-sum-exp softmax
def predict(network, x):
    """x (d,) or (N, d) -> class probabilities (C,) or (N, C): sigmoid, sigmoid, softmax."""
    z = x
    for i in (1, 2):
        z = 0.5 * (1 + np.tanh(0.5 * (z @ network[f'W{i}'] + network[f'b{i}'])))
    a = z @ network['W3'] + network['b3']
    m = np.max(a, axis=-1, keepdims=True)
    return np.exp(a - m - np.log(np.sum(np.exp(a - m), axis=-1, keepdims=True)))
