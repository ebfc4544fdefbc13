# wrong: layers mixed up: NAND(OR, AND) gives XOR(0, 0) = 1
def XOR(x1, x2):
    return NAND(OR(x1, x2), AND(x1, x2))
