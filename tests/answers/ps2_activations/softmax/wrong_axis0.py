# wrong: normalises columns (axis 0) instead of rows
def softmax(a):
    exp_a = np.exp(a - np.max(a, axis=0))
    return exp_a / np.sum(exp_a, axis=0)
