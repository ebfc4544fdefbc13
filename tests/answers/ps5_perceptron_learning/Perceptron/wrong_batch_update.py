# wrong: one batch update per epoch from all samples at once, instead of sample by sample
class Perceptron:
    def __init__(self, rate=0.01, niter=10):
        self.rate = rate
        self.niter = niter

    def fit(self, X, y):
        self.weight = np.zeros(1 + X.shape[1])
        self.errors = []
        for _ in range(self.niter):
            updates = self.rate * (y - self.predict(X))
            self.weight[1:] += X.T @ updates
            self.weight[0] += updates.sum()
            self.errors.append(int(np.count_nonzero(updates)))
        return self

    def net_input(self, X):
        return X @ self.weight[1:] + self.weight[0]

    def predict(self, X):
        return np.where(self.net_input(X) >= 0.0, 1, -1)
