# wrong: always 100 steps, step_num is ignored
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for i in range(100):
        x -= lr * numerical_gradient(f, x)
    return x
