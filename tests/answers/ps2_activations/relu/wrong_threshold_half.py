# wrong: compares with 0.5 instead of 0
def relu(x):
    return np.maximum(0.5, x)
