# wrong: `>=` makes step_function(0) = 1
def step_function(x):
    return np.array(x >= 0, dtype=int)
