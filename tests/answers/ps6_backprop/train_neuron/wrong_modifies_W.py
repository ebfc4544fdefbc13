# wrong: updates W in place (W -= ...), which changes the caller's array
def train_neuron(X, Y, W, b, lr=1.0, epochs=1000):
    for _ in range(epochs):
        Z = X @ W + b
        A = sigmoid(Z)
        dZ = (A - Y) * sigmoid_grad(Z)
        dW = X.T @ dZ
        db = dZ.sum()
        W -= lr * dW
        b = b - lr * db
    return W, b
