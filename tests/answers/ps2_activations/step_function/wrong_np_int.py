# wrong: np.int was removed from NumPy (AttributeError)
def step_function(x):
    y = x > 0
    return y.astype(np.int)
