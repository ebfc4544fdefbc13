# right: the tanh form, sigmoid(x) = (1 + tanh(x / 2)) / 2, no overflow anywhere
def sigmoid(x):
    return 0.5 * (1 + np.tanh(np.asarray(x) / 2))
