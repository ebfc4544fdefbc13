# wrong: 1-D inputs are changed in place (2-D ones are copied)
def relu(x):
    if np.ndim(x) == 1:
        x[x < 0] = 0
        return x * 1.0
    return np.maximum(0, x)
