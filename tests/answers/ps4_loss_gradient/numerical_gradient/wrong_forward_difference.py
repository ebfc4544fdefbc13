# wrong: forward difference (f(x+h) - f(x)) / h instead of the central difference
def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        tmp = x[idx]
        fx = f(x)
        x[idx] = tmp + h
        fxh = f(x)
        grad[idx] = (fxh - fx) / h
        x[idx] = tmp
    return grad
