# wrong: off by one, step_num + 1 updates
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for i in range(step_num + 1):
        x -= lr * numerical_gradient(f, x)
    return x
