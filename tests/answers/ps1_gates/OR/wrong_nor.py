# wrong: all parameters negated, the gate is NOR
def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([-0.5, -0.5])
    b = 0.2
    return 1 if np.sum(w * x) + b > 0 else 0
