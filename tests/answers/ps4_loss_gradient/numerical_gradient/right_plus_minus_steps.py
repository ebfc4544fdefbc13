# right: moves x[idx] by +h, -2h, +h (restored up to rounding, which the graders accept)
def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros(x.shape)
    for idx in np.ndindex(*x.shape):
        x[idx] += h
        f_plus = f(x)
        x[idx] -= 2 * h
        f_minus = f(x)
        x[idx] += h
        grad[idx] = (f_plus - f_minus) / h / 2
    return grad
