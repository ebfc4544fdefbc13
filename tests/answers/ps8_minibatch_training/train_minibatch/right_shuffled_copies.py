# right: shuffled copies of x and t per epoch, then consecutive slices of them
def train_minibatch(network, x, t, lr=0.1, batch_size=100, epochs=10, seed=0, x_test=None, t_test=None):
    """Mini-batch SGD with network.gradient; returns {'loss': [...], 'train_acc': [...], 'test_acc': [...]}."""
    rng = np.random.default_rng(seed)
    losses, train_acc, test_acc = [], [], []
    n = x.shape[0]
    for epoch in range(epochs):
        order = rng.permutation(n)
        xs, ts = x[order], t[order]
        for start in range(0, n, batch_size):
            xb, tb = xs[start:start + batch_size], ts[start:start + batch_size]
            grads = network.gradient(xb, tb)
            for key, g in grads.items():
                network.params[key] -= lr * g
            losses.append(network.loss(xb, tb))
        train_acc.append(network.accuracy(x, t))
        if x_test is not None:
            test_acc.append(network.accuracy(x_test, t_test))
    return {'loss': losses, 'train_acc': train_acc, 'test_acc': test_acc}
