# wrong: exp(x) / (1 + exp(x)) is inf / inf = nan for large x
def sigmoid(x):
    return np.exp(x) / (1 + np.exp(x))
