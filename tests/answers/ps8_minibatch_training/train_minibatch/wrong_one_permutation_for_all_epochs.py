# wrong: draws one permutation and reuses it in every epoch
def train_minibatch(network, x, t, lr=0.1, batch_size=100, epochs=10, seed=0, x_test=None, t_test=None):
    """Mini-batch SGD with network.gradient; returns {'loss': [...], 'train_acc': [...], 'test_acc': [...]}."""
    rng = np.random.default_rng(seed)
    history = {'loss': [], 'train_acc': [], 'test_acc': []}
    perm = rng.permutation(len(x))
    for _ in range(epochs):
        for start in range(0, len(x), batch_size):
            idx = perm[start:start + batch_size]
            grads = network.gradient(x[idx], t[idx])
            for key in network.params:
                network.params[key] -= lr * grads[key]
            history['loss'].append(network.loss(x[idx], t[idx]))
        history['train_acc'].append(network.accuracy(x, t))
        if x_test is not None:
            history['test_acc'].append(network.accuracy(x_test, t_test))
    return history
