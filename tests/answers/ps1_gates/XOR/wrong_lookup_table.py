# wrong: right truth table, but looked up instead of composing the gates
TABLE = {(0, 0): 0, (1, 0): 1, (0, 1): 1, (1, 1): 0}


def XOR(x1, x2):
    return TABLE[(int(x1), int(x2))]
