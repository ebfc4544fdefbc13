# right: other weights and bias (w = [-2, -2], b = 3)
def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-2, -2])
    b = 3
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1
