# wrong: divides in place; np.asarray(x, dtype=float) is the caller's own array when x is already float
def normalize(x):
    """Pixel values 0..16 (any shape, any integer type) -> float64 in [0, 1]: x / 16.0."""
    x = np.asarray(x, dtype=np.float64)
    x /= 16.0
    return x
