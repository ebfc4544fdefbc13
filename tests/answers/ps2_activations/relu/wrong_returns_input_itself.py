# wrong: returns the very input array when nothing is negative (the caller's array is aliased)
def relu(x):
    x = np.asarray(x)
    if np.all(x >= 0):
        return x
    return np.maximum(0, x)
