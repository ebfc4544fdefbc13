# Released to students beside each notebook: a copy of nnbasics/release_kit/selfcheck_codec.py,
# made by `make release`. Edit that file, not a copy.
"""Plain data ↔ JSON, for the protocol between graders and the student's code.

Only numbers, str, None, numpy arrays and scalars, lists, tuples and dicts with str keys
cross it; never pickles. What arrives from the other side is bounded before and while
it is decoded (bytes, containers, elements, depth, dict keys), because the other side
may be student code writing whatever it likes: an answer cheap to send must not be
expensive to receive.
"""

from __future__ import annotations

import base64
import json

import numpy as np

MAX_MESSAGE_BYTES = 16 * 2**20  # one message; a bigger value is the student's bug, not data to carry
MAX_CONTAINERS = 50_000         # lists and dicts in one message (each costs a Python object)
MAX_ITEMS = 1_000_000           # values in one message, roughly: its commas
MAX_DEPTH = 32
MAX_KEYS = 1_000                # of one dict (keys are str: int keys can be made to share one hash)
MAX_ELEMENTS = 2**22            # of an array made by arithmetic on a received array (32 MiB of floats)

_NUMBER_KINDS = "biufc"


class Ref:
    """A value that lives on the student's side, known here by its number."""

    __slots__ = ("id",)

    def __init__(self, ref_id: int):
        self.id = ref_id


class Unsupported(Exception):
    """A value that is not plain data, or is over a bound."""


class TooLarge(Unsupported):
    """Arithmetic on a received array would make one over ``MAX_ELEMENTS``."""


def encode(value, depth: int = 0):
    """Plain data → JSON-able structure. Raises ``Unsupported`` for anything else."""
    if depth > MAX_DEPTH:
        raise Unsupported("nested too deeply")
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**63:
            raise Unsupported("integer too large")
        return value
    if isinstance(value, complex):
        return {"$complex": [value.real, value.imag]}
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        if array.dtype.kind not in _NUMBER_KINDS:
            raise Unsupported(f"dtype {array.dtype}")
        data = base64.b64encode(np.ascontiguousarray(array).tobytes()).decode()
        key = "$array" if isinstance(value, np.ndarray) else "$scalar"
        return {key: array.dtype.str, "shape": list(array.shape), "data": data}
    if isinstance(value, Ref):
        return {"$ref": value.id}
    if isinstance(value, list):
        return [encode(v, depth + 1) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [encode(v, depth + 1) for v in value]}
    if isinstance(value, dict):
        if len(value) > MAX_KEYS or not all(isinstance(k, str) for k in value):
            raise Unsupported(f"a dict needs at most {MAX_KEYS} keys, all str")
        return {"$dict": [[k, encode(v, depth + 1)] for k, v in value.items()]}
    raise Unsupported(type(value).__name__)


def decode(data, resolve=None, *, array_type=np.ndarray, depth: int = 0):
    """Inverse of ``encode``; builds only numbers, str, arrays, lists, tuples and dicts.

    ``resolve`` turns ``{"$ref": n}`` and ``{"$obj": ...}`` markers into objects;
    ``array_type`` is the class arrays are viewed as (``BoundedArray`` for answers).
    """
    if depth > MAX_DEPTH:
        raise Unsupported("nested too deeply")
    if isinstance(data, list):
        return [decode(v, resolve, array_type=array_type, depth=depth + 1) for v in data]
    if not isinstance(data, dict):
        return data
    if "$array" in data or "$scalar" in data:
        return _decode_array(data, array_type)
    if "$complex" in data:
        return complex(*data["$complex"])
    if "$tuple" in data:
        return tuple(decode(v, resolve, array_type=array_type, depth=depth + 1) for v in data["$tuple"])
    if "$dict" in data:
        pairs = data["$dict"]
        if len(pairs) > MAX_KEYS or not all(isinstance(k, str) for k, _ in pairs):
            raise Unsupported(f"a dict needs at most {MAX_KEYS} keys, all str")
        return {k: decode(v, resolve, array_type=array_type, depth=depth + 1) for k, v in pairs}
    if ("$ref" in data or "$obj" in data) and resolve is not None:
        return resolve(data)
    raise Unsupported(f"unknown marker {sorted(data)[:5]}")


def _decode_array(data: dict, array_type):
    dtype = np.dtype(data.get("$array") or data.get("$scalar"))
    if dtype.kind not in _NUMBER_KINDS:
        raise Unsupported(f"dtype {dtype}")
    shape = tuple(int(n) for n in data["shape"])
    raw = base64.b64decode(data["data"])
    if len(shape) > MAX_DEPTH or any(n < 0 for n in shape) or len(raw) != dtype.itemsize * _product(shape):
        raise Unsupported("array data does not match its shape")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    return array.view(array_type) if "$array" in data else array[()]


def _product(shape) -> int:
    size = 1
    for n in shape:
        size *= n  # Python ints: a forged shape cannot overflow into a small product
    return size


class BoundedArray(np.ndarray):
    """An array that came from the student's side.

    Arithmetic on it (a grader comparing it with the reference before checking its
    shape) may not make an array over ``MAX_ELEMENTS``: a (40000, 1) answer broadcast
    against a (1, 40000) expectation would otherwise cost the grading process 12 GB.
    Results are plain arrays.
    """

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        shapes = [np.shape(x) for x in inputs]
        if _result_size(ufunc, method, shapes) > MAX_ELEMENTS:
            raise TooLarge(f"{ufunc.__name__} of arrays shaped {shapes}")
        plain = tuple(x.view(np.ndarray) if isinstance(x, BoundedArray) else x for x in inputs)
        if "out" in kwargs:
            kwargs["out"] = tuple(x.view(np.ndarray) if isinstance(x, BoundedArray) else x for x in kwargs["out"])
        return getattr(ufunc, method)(*plain, **kwargs)

    def __array_function__(self, func, types, args, kwargs):
        if func in (np.dot, np.inner, np.kron, np.tensordot, np.einsum, np.tile, np.repeat, np.broadcast_to):
            arrays = [a for a in args if isinstance(a, np.ndarray)]
            if _product([max(a.size, 1) for a in arrays]) > MAX_ELEMENTS and any(
                    isinstance(a, BoundedArray) for a in arrays):
                raise TooLarge(f"{func.__name__} of arrays shaped {[a.shape for a in arrays]}")
        return super().__array_function__(func, types, args, kwargs)


def _result_size(ufunc, method: str, shapes) -> int:
    if method == "outer":
        return _product(n for shape in shapes for n in shape)
    if method != "__call__":
        return 0  # reduce, accumulate, at: no bigger than the input
    try:
        if ufunc is np.matmul and len(shapes) == 2 and all(shapes):
            a = shapes[0] if len(shapes[0]) > 1 else (1, *shapes[0])
            b = shapes[1] if len(shapes[1]) > 1 else (*shapes[1], 1)
            return _product((*np.broadcast_shapes(a[:-2], b[:-2]), a[-2], b[-1]))
        return _product(np.broadcast_shapes(*shapes))
    except ValueError:
        return 0  # numpy will raise its own error


def dumps(message) -> bytes:
    return json.dumps(message, allow_nan=True).encode()


def loads(raw: bytes):
    """A message, refused before parsing when it is over the bounds."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise Unsupported("message too large")
    if raw.count(b"[") + raw.count(b"{") > MAX_CONTAINERS or raw.count(b",") > MAX_ITEMS:
        raise Unsupported("message has too many values")
    return json.loads(raw)
