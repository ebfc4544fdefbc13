# right: numerical gradient first (as the book does), a loop and np.average
def gradient_check(network, x, t):
    """{key: mean |backprop gradient - numerical gradient|} for every key of network.params."""
    grad_numerical = network.numerical_gradient(x, t)
    grad_backprop = network.gradient(x, t)
    result = {}
    for key in network.params.keys():
        diff = np.average(np.abs(grad_backprop[key] - grad_numerical[key]))
        result[key] = diff
    return result
