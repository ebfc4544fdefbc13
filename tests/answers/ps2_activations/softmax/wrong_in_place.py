# wrong: subtracts the max in place, changing the caller's array
def softmax(a):
    a -= np.max(a, axis=-1, keepdims=True)
    exp_a = np.exp(a)
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)
