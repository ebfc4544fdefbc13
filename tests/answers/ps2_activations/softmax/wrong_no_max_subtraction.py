# wrong: no max subtraction, overflows to nan for inputs like [1010, 1000, 990]
def softmax(a):
    exp_a = np.exp(a)
    return exp_a / np.sum(exp_a, axis=-1, keepdims=True)
