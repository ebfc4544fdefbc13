# right: prepends a constant 1 to each sample so the bias is updated with the weights in one step
class Perceptron:
    def __init__(self, rate=0.01, niter=10):
        self.rate, self.niter = rate, niter

    def fit(self, X, y):
        self.weight = np.zeros(X.shape[1] + 1)
        self.errors = []
        for _ in range(self.niter):
            count = 0
            for xi, target in zip(X, y):
                update = self.rate * (target - self.predict(xi))
                self.weight += update * np.r_[1.0, xi]
                count += update != 0
            self.errors.append(int(count))
        return self

    def net_input(self, X):
        return X @ self.weight[1:] + self.weight[0]

    def predict(self, X):
        return np.where(self.net_input(X) < 0.0, -1, 1)
