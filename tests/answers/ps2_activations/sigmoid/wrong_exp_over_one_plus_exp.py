# wrong: exp(x) / (1 + exp(x)) overflows to inf/inf = nan for large positive x
def sigmoid(x):
    e = np.exp(x)
    return e / (1 + e)
