# wrong: returns the same module-level dict every time (a caller's change shows in the next call)
NETWORK = {
    'W1': np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
    'b1': np.array([0.1, 0.2, 0.3]),
    'W2': np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]),
    'b2': np.array([0.1, 0.2]),
    'W3': np.array([[0.1, 0.3], [0.2, 0.4]]),
    'b3': np.array([0.1, 0.2]),
}


def init_network():
    return NETWORK
