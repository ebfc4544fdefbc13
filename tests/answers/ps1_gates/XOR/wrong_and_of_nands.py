# wrong: AND(NAND, NAND) is just NAND: XOR(0, 0) = 1
def XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = NAND(x1, x2)
    return AND(s1, s2)
