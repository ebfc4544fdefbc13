# right: a float copy first (np.array copies), then divides that copy in place
def normalize(x):
    """Pixel values 0..16 (any shape, any integer type) -> float64 in [0, 1]: x / 16.0."""
    result = np.array(x, dtype=float)
    result /= 16
    return result
