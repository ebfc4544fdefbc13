# wrong: Python lists instead of numpy arrays
def init_network():
    network = {}
    network['W1'] = [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]
    network['b1'] = [0.1, 0.2, 0.3]
    network['W2'] = [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]
    network['b2'] = [0.1, 0.2]
    network['W3'] = [[0.1, 0.3], [0.2, 0.4]]
    network['b3'] = [0.1, 0.2]
    return network
