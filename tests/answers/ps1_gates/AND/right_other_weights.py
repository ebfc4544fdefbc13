# right: other weights and bias (w = [1, 1], b = -1.5), np.dot instead of np.sum(w*x)
def AND(x1, x2):
    w = np.array([1.0, 1.0])
    b = -1.5
    if np.dot(w, np.array([x1, x2])) + b > 0:
        return 1
    return 0
