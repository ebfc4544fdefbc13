# wrong: averages the accuracies of the batches (the last, shorter batch weighs as much as a full one)
def accuracy(network, x, t, batch_size=100):
    """Share of samples whose predicted class (argmax of predict) equals the integer label t."""
    shares = []
    for i in range(0, len(x), batch_size):
        y = predict(network, x[i:i + batch_size])
        shares.append(np.mean(np.argmax(y, axis=1) == t[i:i + batch_size]))
    return float(np.mean(shares))
