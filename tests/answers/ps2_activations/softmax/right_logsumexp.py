# right: exp(a - logsumexp(a)), logsumexp computed stably by hand
def softmax(a):
    m = np.max(a, axis=-1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(a - m), axis=-1, keepdims=True))
    return np.exp(a - lse)
