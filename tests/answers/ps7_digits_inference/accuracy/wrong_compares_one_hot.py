# wrong: treats t as one-hot rows (argmax of t), but t holds integer labels
def accuracy(network, x, t, batch_size=100):
    """Share of samples whose predicted class (argmax of predict) equals the integer label t."""
    correct = 0
    for i in range(0, len(x), batch_size):
        y = predict(network, x[i:i + batch_size])
        correct += np.sum(np.argmax(y, axis=1) == np.argmax(t[i:i + batch_size], axis=-1))
    return correct / len(x)
