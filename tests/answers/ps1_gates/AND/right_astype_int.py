# right: returns a numpy integer via astype (np.int64 is an integer, not a bool)
def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.4, 0.4])
    b = -0.6
    return (np.sum(w * x) + b > 0).astype(np.int64)
