# right: its own loop-based central difference instead of the given numerical_gradient; sigmoid' from the output z1
class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        W1 = np.random.randn(input_size, hidden_size) * weight_init_std
        W2 = np.random.randn(hidden_size, output_size) * weight_init_std
        self.params = {'W1': W1, 'b1': np.zeros(hidden_size), 'W2': W2, 'b2': np.zeros(output_size)}

    def predict(self, x):
        z1 = sigmoid(x @ self.params['W1'] + self.params['b1'])
        return softmax(z1 @ self.params['W2'] + self.params['b2'])

    def loss(self, x, t):
        return cross_entropy_error(self.predict(x), t)

    def accuracy(self, x, t):
        return float(np.mean(np.argmax(self.predict(x), 1) == np.argmax(t, 1)))

    def numerical_gradient(self, x, t):
        h = 1e-4
        grads = {}
        for key, p in self.params.items():
            g = np.zeros_like(p)
            it = np.nditer(p, flags=['multi_index'])
            while not it.finished:
                i = it.multi_index
                keep = p[i]
                p[i] = keep + h
                up = self.loss(x, t)
                p[i] = keep - h
                down = self.loss(x, t)
                p[i] = keep
                g[i] = (up - down) / (2 * h)
                it.iternext()
            grads[key] = g
        return grads

    def gradient(self, x, t):
        W1, b1, W2, b2 = self.params['W1'], self.params['b1'], self.params['W2'], self.params['b2']
        z1 = sigmoid(x @ W1 + b1)
        y = softmax(z1 @ W2 + b2)
        dy = (y - t) / len(x)
        dz1 = dy @ W2.T
        da1 = dz1 * z1 * (1 - z1)            # σ'(a1) = z1 (1 - z1)
        return {'W1': x.T @ da1, 'b1': da1.sum(0), 'W2': z1.T @ dy, 'b2': dy.sum(0)}
