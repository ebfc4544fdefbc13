# wrong: predict caches its result per input array, stale once params change in place
class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            'W1': weight_init_std * np.random.randn(input_size, hidden_size),
            'b1': np.zeros(hidden_size),
            'W2': weight_init_std * np.random.randn(hidden_size, output_size),
            'b2': np.zeros(output_size),
        }

    def predict(self, x):
        cache = self.__dict__.setdefault('_cache', {})
        if id(x) not in cache:
            p = self.params
            cache[id(x)] = softmax(sigmoid(x @ p['W1'] + p['b1']) @ p['W2'] + p['b2'])
        return cache[id(x)]

    def loss(self, x, t):
        return cross_entropy_error(self.predict(x), t)

    def accuracy(self, x, t):
        return np.mean(self.predict(x).argmax(axis=1) == t.argmax(axis=1))

    def numerical_gradient(self, x, t):
        f = lambda _: self.loss(x, t)
        return {key: numerical_gradient(f, value) for key, value in self.params.items()}

    def gradient(self, x, t):
        p = self.params
        a1 = x @ p['W1'] + p['b1']
        z1 = sigmoid(a1)
        y = softmax(z1 @ p['W2'] + p['b2'])
        dy = (y - t) / x.shape[0]
        da1 = (dy @ p['W2'].T) * sigmoid_grad(a1)
        return {'W1': x.T @ da1, 'b1': da1.sum(axis=0), 'W2': z1.T @ dy, 'b2': dy.sum(axis=0)}
