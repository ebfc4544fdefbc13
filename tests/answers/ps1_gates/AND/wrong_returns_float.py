# wrong: returns a float (np.heaviside gives 0.0/1.0)
def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    return np.heaviside(np.sum(w * x) + b, 0)
