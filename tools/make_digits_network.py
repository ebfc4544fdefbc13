"""Train the network that ps7_digits_inference ships as digits_network.npz.

    .venv/bin/python tools/make_digits_network.py [--out FOLDER]

A 64-50-100-10 network (sigmoid, sigmoid, softmax; the book's `neuralnet_mnist.py` shape
scaled to 8x8 digits), trained by mini-batch gradient descent on the cross-entropy of rows
0-1499 of `x / 16.0`; rows 1500-1796 are held out and its accuracy there is printed.
Everything is seeded, and the .npz is written with fixed zip timestamps, so a rerun on the
same NumPy build gives the same bytes (tests/test_digits_network.py checks it). Takes
about a second.
"""

from __future__ import annotations

import argparse
import io
import itertools
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "source" / "ps7_digits_inference"
SIZES = [64, 50, 100, 10]
TRAIN_ROWS = 1500
SEED, EPOCHS, BATCH, LR = 0, 100, 50, 2.0


def load_digits(path: Path) -> tuple[np.ndarray, np.ndarray]:
    data = np.loadtxt(path, delimiter=",", dtype=np.int64)
    return data[:, :64], data[:, 64]


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def softmax(a):
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def forward(net, x):
    """Activations [x, z1, z2, y] of the ps7 `predict` network."""
    z1 = sigmoid(x @ net["W1"] + net["b1"])
    z2 = sigmoid(z1 @ net["W2"] + net["b2"])
    return [x, z1, z2, softmax(z2 @ net["W3"] + net["b3"])]


def gradients(net, x, t):
    """Backpropagation of the mean cross-entropy; t one-hot."""
    x, z1, z2, y = forward(net, x)
    d3 = (y - t) / len(x)
    d2 = (d3 @ net["W3"].T) * z2 * (1 - z2)
    d1 = (d2 @ net["W2"].T) * z1 * (1 - z1)
    return {"W3": z2.T @ d3, "b3": d3.sum(axis=0), "W2": z1.T @ d2, "b2": d2.sum(axis=0),
            "W1": x.T @ d1, "b1": d1.sum(axis=0)}


def train(x, t) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(SEED)
    net = {}
    for i, (n_in, n_out) in enumerate(itertools.pairwise(SIZES), start=1):
        net[f"W{i}"] = rng.normal(scale=1 / np.sqrt(n_in), size=(n_in, n_out))
        net[f"b{i}"] = np.zeros(n_out)
    onehot = np.eye(10)[t]
    for _ in range(EPOCHS):
        perm = rng.permutation(len(x))
        for start in range(0, len(x), BATCH):
            idx = perm[start:start + BATCH]
            for key, grad in gradients(net, x[idx], onehot[idx]).items():
                net[key] -= LR * grad
    return {key: net[key] for key in ("W1", "b1", "W2", "b2", "W3", "b3")}


def save(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """np.savez, but with fixed timestamps inside the zip, so equal arrays give equal bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for key, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buffer.getvalue())


def accuracy(net, x, t) -> float:
    return float(np.mean(forward(net, x)[-1].argmax(axis=1) == t))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FOLDER, help="folder to write digits_network.npz into")
    args = parser.parse_args(argv)
    x, t = load_digits(FOLDER / "digits.csv.gz")
    x = x / 16.0
    net = train(x[:TRAIN_ROWS], t[:TRAIN_ROWS])
    args.out.mkdir(parents=True, exist_ok=True)
    save(args.out / "digits_network.npz", net)
    print(f"wrote {args.out / 'digits_network.npz'}: accuracy {accuracy(net, x[:TRAIN_ROWS], t[:TRAIN_ROWS]):.4f} "
          f"on rows 0-{TRAIN_ROWS - 1}, {accuracy(net, x[TRAIN_ROWS:], t[TRAIN_ROWS:]):.4f} "
          f"on rows {TRAIN_ROWS}-{len(x) - 1}")


if __name__ == "__main__":
    main()
