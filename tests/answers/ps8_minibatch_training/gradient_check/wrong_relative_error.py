# wrong: a relative error |g - n| / (|g| + |n|) instead of the plain absolute difference
def gradient_check(network, x, t):
    """{key: mean |backprop gradient - numerical gradient|} for every key of network.params."""
    grad = network.gradient(x, t)
    numerical = network.numerical_gradient(x, t)
    return {key: float(np.mean(np.abs(grad[key] - numerical[key]) / (np.abs(grad[key]) + np.abs(numerical[key]) + 1e-12)))
            for key in network.params}
