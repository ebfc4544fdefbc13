# right: (x1 AND NOT x2) OR (x2 AND NOT x1), NOT via NAND(x, x)
def XOR(x1, x2):
    return OR(AND(x1, NAND(x2, x2)), AND(x2, NAND(x1, x1)))
