# right: accumulates the gradient sample by sample with np.dot, then updates once per epoch
def train_neuron(X, Y, W, b, lr=1.0, epochs=1000):
    W = W.copy()
    for epoch in range(epochs):
        dW = np.zeros_like(W)
        db = 0.0
        for i in range(X.shape[0]):
            z = np.dot(X[i], W) + b          # (1,)
            dz = (sigmoid(z) - Y[i]) * sigmoid_grad(z)
            dW += np.outer(X[i], dz)
            db += dz.item()
        W -= lr * dW                          # in place, but on our own copy
        b -= lr * db
    return W, b
