# wrong: divides by the sum of the inputs instead of the sum of the exponentials
def softmax(a):
    exp_a = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return exp_a / np.sum(a, axis=-1, keepdims=True)
