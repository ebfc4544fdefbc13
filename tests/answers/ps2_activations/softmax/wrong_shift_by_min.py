# wrong: shifts by the minimum instead of the maximum (overflows when a row spans hundreds)
def softmax(a):
    e = np.exp(a - np.min(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
