# wrong: returns the boolean array x > 0
def step_function(x):
    return np.array(x > 0)
