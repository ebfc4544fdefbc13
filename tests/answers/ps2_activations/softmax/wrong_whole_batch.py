# wrong: the 1-D formula used on a batch normalises the whole batch at once
def softmax(a):
    c = np.max(a)
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a)
