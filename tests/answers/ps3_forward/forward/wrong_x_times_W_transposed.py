# wrong: x @ W.T, which only works when every weight matrix is square
def forward(network, x):
    W1, W2, W3 = network['W1'], network['W2'], network['W3']
    b1, b2, b3 = network['b1'], network['b2'], network['b3']
    z1 = sigmoid(np.dot(x, W1.T) + b1)
    z2 = sigmoid(np.dot(z1, W2.T) + b2)
    return identity_function(np.dot(z2, W3.T) + b3)
