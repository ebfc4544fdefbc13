# wrong: a hard-wired learning rate 0.01 instead of the lr argument
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for i in range(step_num):
        x -= 0.01 * numerical_gradient(f, x)
    return x
