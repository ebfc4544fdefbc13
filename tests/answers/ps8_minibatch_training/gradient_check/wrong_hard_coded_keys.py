# wrong: only the keys W1, b1, W2, b2, whatever network.params holds
def gradient_check(network, x, t):
    """{key: mean |backprop gradient - numerical gradient|} for every key of network.params."""
    grad = network.gradient(x, t)
    numerical = network.numerical_gradient(x, t)
    return {key: float(np.mean(np.abs(grad[key] - numerical[key]))) for key in ('W1', 'b1', 'W2', 'b2')}
