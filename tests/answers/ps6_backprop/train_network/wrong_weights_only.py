# wrong: updates only the weights W1, W2, never the biases
def train_network(network, x, t, lr=1.0, steps=1000):
    losses = []
    for _ in range(steps):
        grads = network.gradient(x, t)
        for key in ('W1', 'W2'):
            network.params[key] -= lr * grads[key]
        losses.append(network.loss(x, t))
    return losses
