# wrong: takes the sigmoid's derivative at the output A instead of the pre-activation Z
def train_neuron(X, Y, W, b, lr=1.0, epochs=1000):
    for _ in range(epochs):
        Z = X @ W + b
        A = sigmoid(Z)
        dZ = (A - Y) * sigmoid_grad(A)
        dW = X.T @ dZ
        db = dZ.sum()
        W = W - lr * dW
        b = b - lr * db
    return W, b
