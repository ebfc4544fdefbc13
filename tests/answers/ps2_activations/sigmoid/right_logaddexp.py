# right: sigmoid(x) = exp(-log(1 + exp(-x))) with np.logaddexp
def sigmoid(x):
    return np.exp(-np.logaddexp(0, -x))
