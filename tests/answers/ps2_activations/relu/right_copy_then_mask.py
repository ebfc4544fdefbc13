# right: in-place masking on a copy, never on the caller's array
def relu(x):
    y = np.array(x, copy=True)
    y[y < 0] = 0
    return y
