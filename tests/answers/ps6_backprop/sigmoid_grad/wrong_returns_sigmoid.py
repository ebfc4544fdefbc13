# wrong: returns σ(x) itself, not its derivative
def sigmoid_grad(x):
    return sigmoid(x)
