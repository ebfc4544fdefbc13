# wrong: integer division x // 16 leaves only 0 and 1
def normalize(x):
    """Pixel values 0..16 (any shape, any integer type) -> float64 in [0, 1]: x / 16.0."""
    return np.asarray(x) // 16
