# wrong: float dtype instead of int
def step_function(x):
    return np.array(x > 0, dtype=float)
