# right: np.where picks integer 1 or 0 elementwise
def step_function(x):
    return np.where(x > 0, 1, 0)
