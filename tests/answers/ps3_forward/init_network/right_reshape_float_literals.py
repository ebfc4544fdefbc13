# right: flat lists reshaped, explicit dtype=float
def init_network():
    W1 = np.array([0.1, 0.3, 0.5, 0.2, 0.4, 0.6], dtype=float).reshape(2, 3)
    W2 = np.array([0.1, 0.4, 0.2, 0.5, 0.3, 0.6], dtype=float).reshape(3, 2)
    W3 = np.array([0.1, 0.3, 0.2, 0.4], dtype=float).reshape(2, 2)
    b1 = np.array([0.1, 0.2, 0.3], dtype=float)
    b2 = np.array([0.1, 0.2], dtype=float)
    b3 = np.array([0.1, 0.2], dtype=float)
    return dict(W1=W1, b1=b1, W2=W2, b2=b2, W3=W3, b3=b3)
