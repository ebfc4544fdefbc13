# wrong: samples each mini-batch with replacement (rng.choice) instead of slicing a permutation
def train_minibatch(network, x, t, lr=0.1, batch_size=100, epochs=10, seed=0, x_test=None, t_test=None):
    """Mini-batch SGD with network.gradient; returns {'loss': [...], 'train_acc': [...], 'test_acc': [...]}."""
    rng = np.random.default_rng(seed)
    history = {'loss': [], 'train_acc': [], 'test_acc': []}
    for _ in range(epochs):
        for start in range(0, len(x), batch_size):
            idx = rng.choice(len(x), size=min(batch_size, len(x) - start))
            grads = network.gradient(x[idx], t[idx])
            for key in network.params:
                network.params[key] -= lr * grads[key]
            history['loss'].append(network.loss(x[idx], t[idx]))
        history['train_acc'].append(network.accuracy(x, t))
        if x_test is not None:
            history['test_acc'].append(network.accuracy(x_test, t_test))
    return history
