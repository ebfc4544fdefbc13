# wrong: returns the float result of np.sign of the clipped sum
def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    return np.sign(np.maximum(np.sum(w * x) + b, 0))
