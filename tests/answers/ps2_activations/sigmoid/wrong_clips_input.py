# wrong: clips x to [-30, 30] "to avoid overflow" (values in the tails are off by orders of magnitude)
def sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(x, -30, 30)))
