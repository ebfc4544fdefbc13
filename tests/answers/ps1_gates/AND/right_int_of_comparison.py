# right: int() of the comparison, other weights and bias (0.5, 0.5, -0.8)
def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.8
    return int(np.sum(w * x) + b > 0)
