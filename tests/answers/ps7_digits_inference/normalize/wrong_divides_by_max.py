# wrong: divides by the largest pixel of the input instead of 16
def normalize(x):
    """Pixel values 0..16 (any shape, any integer type) -> float64 in [0, 1]: x / 16.0."""
    x = np.asarray(x)
    return x / x.max()
