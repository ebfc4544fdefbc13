# wrong: W.T @ x, which equals x @ W for one sample but breaks on a batch (N, d)
def forward(network, x):
    W1, W2, W3 = network['W1'], network['W2'], network['W3']
    b1, b2, b3 = network['b1'], network['b2'], network['b3']
    z1 = sigmoid(np.dot(W1.T, x) + b1)
    z2 = sigmoid(np.dot(W2.T, z1) + b2)
    return identity_function(np.dot(W3.T, z2) + b3)
