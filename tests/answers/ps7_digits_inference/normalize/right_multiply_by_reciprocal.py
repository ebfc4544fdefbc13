# right: multiplies by 1/16 = 0.0625 (exact in binary, so the same values as x / 16.0)
def normalize(x):
    """Pixel values 0..16 (any shape, any integer type) -> float64 in [0, 1]: x / 16.0."""
    return np.multiply(x, 0.0625, dtype=np.float64)
