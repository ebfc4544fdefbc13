# wrong: x[x < 0] = 0 modifies the caller's array
def relu(x):
    x[x < 0] = 0
    return x
