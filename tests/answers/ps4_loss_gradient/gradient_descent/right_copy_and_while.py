# right: works on a copy (init_x is left alone) with a while loop
def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    step = 0
    while step < step_num:
        x = x - lr * numerical_gradient(f, x)
        step += 1
    return x
