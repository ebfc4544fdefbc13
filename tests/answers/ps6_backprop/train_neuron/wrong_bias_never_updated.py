# wrong: the bias b is never updated
def train_neuron(X, Y, W, b, lr=1.0, epochs=1000):
    for _ in range(epochs):
        Z = X @ W + b
        A = sigmoid(Z)
        dZ = (A - Y) * sigmoid_grad(Z)
        dW = X.T @ dZ
        db = dZ.sum()
        W = W - lr * dW
    return W, b
