# wrong: a single perceptron cannot separate XOR; this one gets (1, 1) wrong
def XOR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.2
    return 1 if np.sum(w * x) + b > 0 else 0
