# right: the derivative written out with exp: e^{-x} / (1 + e^{-x})^2
def sigmoid_grad(x):
    e = np.exp(-np.asarray(x, dtype=float))
    return e / (1.0 + e) ** 2
