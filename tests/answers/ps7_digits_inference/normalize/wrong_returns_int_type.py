# wrong: rounds the result back to integers
def normalize(x):
    """Pixel values 0..16 (any shape, any integer type) -> float64 in [0, 1]: x / 16.0."""
    return np.round(np.asarray(x) / 16.0).astype(int)
