# wrong: one update too many: range(steps + 1)
def train_network(network, x, t, lr=1.0, steps=1000):
    losses = []
    for _ in range(steps + 1):
        grads = network.gradient(x, t)
        for key in network.params:
            network.params[key] -= lr * grads[key]
        losses.append(network.loss(x, t))
    return losses
