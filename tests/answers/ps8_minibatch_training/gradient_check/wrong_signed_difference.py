# wrong: the mean of the signed difference (no absolute value)
def gradient_check(network, x, t):
    """{key: mean |backprop gradient - numerical gradient|} for every key of network.params."""
    grad = network.gradient(x, t)
    numerical = network.numerical_gradient(x, t)
    return {key: float(np.mean(grad[key] - numerical[key])) for key in network.params}
