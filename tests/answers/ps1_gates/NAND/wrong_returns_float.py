# wrong: returns a float
def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 0.7
    return 1.0 if np.sum(w * x) + b > 0 else 0.0
