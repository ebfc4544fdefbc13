# right: other weights and bias (w = [1, 1], b = -0.5)
def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([1.0, 1.0])
    b = -0.5
    return 1 if np.sum(w * x) + b > 0 else 0
