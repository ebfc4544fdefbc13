# wrong: the sum of the absolute differences instead of their mean
def gradient_check(network, x, t):
    """{key: mean |backprop gradient - numerical gradient|} for every key of network.params."""
    grad = network.gradient(x, t)
    numerical = network.numerical_gradient(x, t)
    return {key: float(np.sum(np.abs(grad[key] - numerical[key]))) for key in network.params}
