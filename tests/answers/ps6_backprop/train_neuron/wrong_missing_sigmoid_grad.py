# wrong: leaves out the sigmoid's derivative: dZ = A - Y
def train_neuron(X, Y, W, b, lr=1.0, epochs=1000):
    for _ in range(epochs):
        Z = X @ W + b
        A = sigmoid(Z)
        dZ = A - Y
        dW = X.T @ dZ
        db = dZ.sum()
        W = W - lr * dW
        b = b - lr * db
    return W, b
