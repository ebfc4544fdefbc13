# right: the same 2-layer network, arguments in the other order
def XOR(x1, x2):
    return AND(OR(x1, x2), NAND(x1, x2))
