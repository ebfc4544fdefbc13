# wrong: treats x as the sigmoid's output a = σ(z) and returns a * (1 - a)
def sigmoid_grad(x):
    return x * (1 - x)
