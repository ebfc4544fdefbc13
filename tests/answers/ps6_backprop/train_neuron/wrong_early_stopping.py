# wrong: stops early once the error is small (the spec asks for exactly `epochs` updates)
def train_neuron(X, Y, W, b, lr=1.0, epochs=1000):
    for _ in range(epochs):
        Z = X @ W + b
        A = sigmoid(Z)
        if 0.5 * np.sum((A - Y) ** 2) < 1e-3:
            break
        dZ = (A - Y) * sigmoid_grad(Z)
        W = W - lr * (X.T @ dZ)
        b = b - lr * dZ.sum()
    return W, b
