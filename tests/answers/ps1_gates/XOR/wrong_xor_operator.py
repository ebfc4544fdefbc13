# wrong: right truth table, but by Python's ^ instead of composing AND, NAND and OR
def XOR(x1, x2):
    return int(x1) ^ int(x2)
