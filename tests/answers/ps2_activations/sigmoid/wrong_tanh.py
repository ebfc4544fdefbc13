# wrong: tanh is a different activation (range -1..1)
def sigmoid(x):
    return np.tanh(x)
