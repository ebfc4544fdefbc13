# right: spells out each factor of the chain rule
def train_neuron(X, Y, W, b, lr=1.0, epochs=1000):
    for _ in range(epochs):
        Z = np.dot(X, W) + b
        A = sigmoid(Z)
        dE_dA = A - Y
        dA_dZ = sigmoid_grad(Z)
        dE_dZ = dE_dA * dA_dZ
        W = W - lr * np.dot(X.T, dE_dZ)
        b = b - lr * np.sum(dE_dZ)
    return W, b
