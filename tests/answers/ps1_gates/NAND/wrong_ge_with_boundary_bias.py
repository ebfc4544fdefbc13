# wrong: `>=` with the bias on the boundary: NAND(1, 1) = 1
def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 1.0
    return 1 if np.sum(w * x) + b >= 0 else 0
