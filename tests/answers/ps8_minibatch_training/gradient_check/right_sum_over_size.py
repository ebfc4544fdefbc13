# right: the sum of |difference| divided by the number of elements
def gradient_check(network, x, t):
    """{key: mean |backprop gradient - numerical gradient|} for every key of network.params."""
    g, n = network.gradient(x, t), network.numerical_gradient(x, t)
    out = {}
    for key, value in network.params.items():
        diff = np.abs(g[key] - n[key])
        out[key] = diff.sum() / diff.size
    return out
