# wrong: records the loss before each update instead of after
def train_network(network, x, t, lr=1.0, steps=1000):
    losses = []
    for _ in range(steps):
        losses.append(network.loss(x, t))
        grads = network.gradient(x, t)
        for key in network.params:
            network.params[key] -= lr * grads[key]
    return losses
