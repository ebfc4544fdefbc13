# wrong: gradient ascent (x += lr * grad), f goes up
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for i in range(step_num):
        x += lr * numerical_gradient(f, x)
    return x
