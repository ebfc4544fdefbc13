# wrong: math.exp works on scalars only
import math


def sigmoid(x):
    return 1 / (1 + math.exp(-x))
