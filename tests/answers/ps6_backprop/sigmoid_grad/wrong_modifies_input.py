# wrong: writes the result into the caller's array (x[...] = ...), and fails on scalars
def sigmoid_grad(x):
    s = sigmoid(x)
    x[...] = s * (1 - s)
    return x
