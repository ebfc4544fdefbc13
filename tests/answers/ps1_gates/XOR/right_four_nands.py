# right: XOR from NAND gates only (classic 4-NAND circuit)
def XOR(x1, x2):
    s = NAND(x1, x2)
    return NAND(NAND(x1, s), NAND(x2, s))
