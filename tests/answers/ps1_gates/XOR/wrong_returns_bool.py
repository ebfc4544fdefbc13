# wrong: compares the inputs directly and returns a bool
def XOR(x1, x2):
    return x1 != x2
