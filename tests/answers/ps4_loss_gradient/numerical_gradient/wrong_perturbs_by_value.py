# wrong: perturbs every element equal to x[idx] (a value mask), wrong when values repeat
def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        value = x[idx]
        mask = x == value
        x[mask] = value + h
        fxh1 = f(x)
        x[mask] = value - h
        fxh2 = f(x)
        x[mask] = value
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad
