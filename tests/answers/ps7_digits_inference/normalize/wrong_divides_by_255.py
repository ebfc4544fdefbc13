# wrong: divides by 255, the MNIST habit (this data's pixels go up to 16)
def normalize(x):
    """Pixel values 0..16 (any shape, any integer type) -> float64 in [0, 1]: x / 16.0."""
    return np.asarray(x) / 255.0
