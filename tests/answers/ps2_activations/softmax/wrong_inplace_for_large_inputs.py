# wrong: subtracts the max in place, but only when the values are large (small inputs look fine)
def softmax(a):
    if np.max(np.abs(a)) > 100:
        a -= np.max(a, axis=-1, keepdims=True)
        e = np.exp(a)
    else:
        e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
