# wrong: returns a numpy bool
def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    return np.sum(w * x) + b > 0
