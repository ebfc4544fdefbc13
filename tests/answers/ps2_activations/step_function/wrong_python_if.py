# wrong: a Python if works on scalars only (ValueError on arrays)
def step_function(x):
    if x > 0:
        return 1
    else:
        return 0
