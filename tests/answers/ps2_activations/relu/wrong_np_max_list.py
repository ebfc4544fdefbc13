# wrong: np.max of a list returns one number (the overall max), and len() fails on scalars
def relu(x):
    return np.max([np.zeros(len(x)), x])
