# right: np.split at multiples of batch_size, the mean of all hits at the end
def accuracy(network, x, t, batch_size=100):
    """Share of samples whose predicted class (argmax of predict) equals the integer label t."""
    cuts = np.arange(batch_size, len(x), batch_size)
    hits = [np.argmax(predict(network, xb), axis=1) == tb for xb, tb in zip(np.split(x, cuts), np.split(t, cuts))]
    return float(np.mean(np.concatenate(hits)))
