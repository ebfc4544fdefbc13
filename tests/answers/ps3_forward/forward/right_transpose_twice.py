# right: column-vector style (W.T @ x.T), transposed back; works for one sample and batches
def forward(network, x):
    z = np.asarray(x, dtype=float).T  # (d,) or (d, N)
    for i in (1, 2, 3):
        b = network[f'b{i}'].reshape(-1, *[1] * (z.ndim - 1))  # (n,) or (n, 1)
        a = network[f'W{i}'].T @ z + b
        z = sigmoid(a) if i < 3 else identity_function(a)
    return z.T
