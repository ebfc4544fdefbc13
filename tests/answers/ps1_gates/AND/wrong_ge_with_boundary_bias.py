# wrong: `>=` with a bias that puts one input exactly on the boundary: AND(1, 0) = 1
def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.5
    return 1 if np.sum(w * x) + b >= 0 else 0
