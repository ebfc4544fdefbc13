# wrong: σ(x) * (1 + σ(x)) instead of σ(x) * (1 - σ(x))
def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 + s)
