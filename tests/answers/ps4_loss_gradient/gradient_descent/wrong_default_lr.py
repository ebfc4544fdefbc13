# wrong: the defaults are lr=0.1, step_num=100 (the book example's values, not the signature's)
def gradient_descent(f, init_x, lr=0.1, step_num=100):
    x = init_x
    for i in range(step_num):
        x -= lr * numerical_gradient(f, x)
    return x
