# wrong: returns the comparison itself (numpy bool), not the integer 0/1
def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    return np.sum(w * x) + b > 0
