# wrong: the derivative of tanh (1 - σ²) instead of the sigmoid's
def sigmoid_grad(x):
    return 1 - sigmoid(x) ** 2
