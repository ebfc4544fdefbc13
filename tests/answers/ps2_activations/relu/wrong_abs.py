# wrong: abs keeps negative inputs (as positive values)
def relu(x):
    return np.abs(x)
