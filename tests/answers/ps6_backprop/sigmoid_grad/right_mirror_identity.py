# right: uses the identity 1 - σ(x) = σ(-x)
def sigmoid_grad(x):
    return sigmoid(x) * sigmoid(-x)
