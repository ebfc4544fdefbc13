# right: perceptron written with np.dot, result turned into an int with np.where(...).item()
def NAND(x1, x2):
    w = np.array([-0.5, -0.5])
    b = 0.7
    return np.where(np.dot(w, [x1, x2]) + b > 0, 1, 0).item()
