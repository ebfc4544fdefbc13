# wrong: XOR built as OR: XOR(1, 1) = 1
def XOR(x1, x2):
    return OR(x1, x2)
