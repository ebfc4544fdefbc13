# wrong: restores x only after the loop, so each partial sees the earlier elements moved by -h
def numerical_gradient(f, x):
    h = 1e-4
    saved = x.copy()
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    x[...] = saved
    return grad
