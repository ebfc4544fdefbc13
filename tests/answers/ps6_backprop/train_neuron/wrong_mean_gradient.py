# wrong: divides the gradient by N (mean loss) although E is the sum ½Σ
def train_neuron(X, Y, W, b, lr=1.0, epochs=1000):
    for _ in range(epochs):
        Z = X @ W + b
        A = sigmoid(Z)
        dZ = (A - Y) * sigmoid_grad(Z)
        dW = X.T @ dZ / len(X)
        db = dZ.sum() / len(X)
        W = W - lr * dW
        b = b - lr * db
    return W, b
