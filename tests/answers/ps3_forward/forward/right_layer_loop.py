# right: a loop over the layers, no identity_function call (it is the identity anyway)
def forward(network, x):
    z = np.asarray(x, dtype=float)
    for i in (1, 2, 3):
        a = z @ network[f'W{i}'] + network[f'b{i}']
        z = sigmoid(a) if i < 3 else a
    return z
