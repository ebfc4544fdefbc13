# right: one helper step per update, losses collected with a list comprehension
def train_network(network, x, t, lr=1.0, steps=1000):
    def step():
        grads = network.gradient(x, t)
        for key in ('W1', 'b1', 'W2', 'b2'):
            network.params[key] -= lr * grads[key]
        return network.loss(x, t)
    return [step() for _ in range(steps)]
