# right: returns np.int64 built from the comparison
def OR(x1, x2):
    w = np.array([0.5, 0.5])
    b = -0.2
    return np.int64(w @ np.array([x1, x2]) + b > 0)
