# right: loops over a flat view of x (writes through the view change x itself)
def numerical_gradient(f, x):
    h = 1e-4
    flat = x.reshape(-1)  # a view for the contiguous arrays numerical_gradient receives
    grad = np.empty_like(flat)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        up = f(x)
        flat[i] = old - h
        down = f(x)
        flat[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad.reshape(x.shape)
