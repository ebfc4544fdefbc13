# wrong: computes the gradient once at init_x and reuses it for every step
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    grad = numerical_gradient(f, x).copy()
    for i in range(step_num):
        x -= lr * grad
    return x
