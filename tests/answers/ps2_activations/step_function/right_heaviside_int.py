# right: np.heaviside with value 0 at 0, converted to int
def step_function(x):
    return np.heaviside(x, 0).astype(int)
