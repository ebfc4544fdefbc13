# wrong: caches the output by the input array's id (stale once the array changes in place)
_cache = {}


def forward(network, x):
    key = (id(network), id(x))
    if key not in _cache:
        z1 = sigmoid(x @ network['W1'] + network['b1'])
        z2 = sigmoid(z1 @ network['W2'] + network['b2'])
        _cache[key] = identity_function(z2 @ network['W3'] + network['b3'])
    return _cache[key]
