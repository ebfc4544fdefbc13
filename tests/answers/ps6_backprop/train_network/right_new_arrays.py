# right: iterates over the gradient dict and rebinds each parameter to a new array
def train_network(network, x, t, lr=1.0, steps=1000):
    loss_list = []
    for i in range(steps):
        grad = network.gradient(x, t)
        for key, g in grad.items():
            network.params[key] = network.params[key] - lr * g
        loss_list.append(network.loss(x, t))
    return loss_list
