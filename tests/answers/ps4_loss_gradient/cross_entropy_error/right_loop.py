# right: a loop over the samples, averaging
def cross_entropy_error(y, t):
    y2 = np.atleast_2d(y)
    t2 = np.asarray(t)
    if t2.size == y2.size:
        labels = np.argmax(t2.reshape(y2.shape), axis=1)
    else:
        labels = t2.reshape(-1)
    losses = [-np.log(row[label] + 1e-7) for row, label in zip(y2, labels)]
    return float(np.mean(losses))
