# right: explicit loops and np.dot; counts a misclassified sample (same as a non-zero update when rate > 0)
class Perceptron:
    def __init__(self, rate=0.01, niter=10):
        self.rate = rate
        self.niter = niter

    def fit(self, X, y):
        self.weight = np.zeros(1 + X.shape[1])
        self.errors = []
        for epoch in range(self.niter):
            wrong = 0
            for i in range(len(X)):
                prediction = self.predict(X[i])
                if prediction != y[i]:
                    wrong += 1
                update = self.rate * (y[i] - prediction)
                for j in range(X.shape[1]):
                    self.weight[j + 1] = self.weight[j + 1] + update * X[i, j]
                self.weight[0] = self.weight[0] + update
            self.errors.append(wrong)
        return self

    def net_input(self, X):
        return np.dot(X, self.weight[1:]) + self.weight[0]

    def predict(self, X):
        return np.where(self.net_input(X) >= 0.0, 1, -1)
