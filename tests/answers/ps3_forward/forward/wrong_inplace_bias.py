# wrong: accumulates into the bias arrays in place, so network['b1'] etc. change
def forward(network, x):
    a1 = network['b1']
    a1 += np.dot(x, network['W1'])
    z1 = sigmoid(a1)
    a2 = network['b2']
    a2 += np.dot(z1, network['W2'])
    z2 = sigmoid(a2)
    a3 = network['b3']
    a3 += np.dot(z2, network['W3'])
    return identity_function(a3)
