"""Self-check for nn-basics assignments (공개 검사 도구).

This one file is released beside every notebook and is also what the hidden graders
import (as ``nnbasics.release_kit.selfcheck``), so students and graders share:

- ``expect_*``: layered checks (type → shape → dtype → finite → values) that raise
  ``CheckFailure`` with a message in student terms;
- ``TOL``: every tolerance, named, with its reason;
- ``Student``: the student's notebook namespace seen through a narrow protocol. Only
  plain data (numbers, arrays, lists, dicts, str) crosses it, encoded as JSON, so the
  same checks run in the notebook (``check``), under ``pytest`` in the assignment folder
  (``load_notebook``), and in hidden grading, where the student's code lives in another
  process and the protocol runs over a socket;
- ``Server``: the student-side end of that protocol.

It depends on numpy and the standard library only.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import importlib.util
import io
import json
import os
import sys
import traceback
import types
import warnings
from pathlib import Path

import numpy as np


class TOL:
    """Named tolerances; each one says why it is what it is."""

    # Same formula, different but valid evaluation order (@ vs loops, tanh form of the
    # sigmoid, logsumexp softmax): agreement to ~1e-15 relative; 1e-9 leaves room.
    close_rel = 1e-9
    close_abs = 1e-12
    # A central difference with h=1e-4 is off by ~4e-12 on quadratics; a forward
    # difference by ~1e-4 (EXERCISES.md tolerance notes): 1e-6 separates them.
    numerical_gradient_abs = 1e-6
    # Backprop gradient vs numerical gradient of the same network: correct code agrees
    # to ~3e-7 (weight_init_std=1.0); a missing /N, sign flip or missing sigmoid_grad is
    # off by >= 0.06 (EXERCISES.md tolerance notes).
    gradient_check_abs = 1e-4
    # Long chains of floating-point updates (training loops, gradient descent): results
    # of equivalent code drift apart by rounding, ~1e-12 after thousands of steps.
    training_rel = 1e-6
    training_abs = 1e-9


class CheckFailure(AssertionError):
    """A check failed; the message is written for the student."""


class ExerciseAborted(CheckFailure):
    """The student's code broke a limit (time, memory, process died): the exercise scores 0."""


# --------------------------------------------------------------------------- messages

_MAX_SHOWN = 300  # characters of a value shown in a message


def describe(value) -> str:
    """A short, safe description of a value for a message (never echoes long strings)."""
    if isinstance(value, ObjectProxy):
        return f"{value._type_name} 객체"
    if isinstance(value, (str, bytes)):
        return f"{type(value).__name__} (길이 {len(value)})"
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=4, threshold=12, edgeitems=2, linewidth=100):
            text = f"array({np.array2string(value, separator=', ')}, dtype={value.dtype})"
    elif isinstance(value, (np.generic, type(None))):
        text = repr(value)
    elif isinstance(value, (bool, int, float, complex, list, tuple, dict)):
        text = f"{type(value).__name__} {value!r}"
    else:
        text = type(value).__name__
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


def _kind_name(kind: str) -> str:
    return {"int": "정수(int)", "float": "실수(float)", "bool": "불리언(bool)"}[kind]


_KINDS = {"int": "iu", "float": "f", "bool": "b"}


def _is_number(value) -> bool:
    return isinstance(value, (int, float, np.bool_, np.integer, np.floating)) or (
        isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "biuf"
    )


# --------------------------------------------------------------------------- checks


def expect_true(condition, message: str) -> None:
    """Fail with ``message`` unless ``condition`` holds."""
    if not condition:
        raise CheckFailure(message)


def expect_array(got, expected, *, what: str, dtype: str | None = None,
                 atol: float = TOL.close_abs, rtol: float = TOL.close_rel) -> None:
    """Check ``got`` against ``expected`` in layers: type, shape, dtype, finite, values.

    ``expected`` may be an array, a list or a number. An array-valued expectation needs an
    ``np.ndarray``; a scalar one accepts a Python or numpy number or a 0-d array.
    ``dtype`` ("int", "float", "bool") fixes the kind of number where the spec does.
    """
    expected = np.asarray(expected)
    if expected.ndim > 0 and not isinstance(got, np.ndarray):
        raise CheckFailure(f"{what}: 배열(np.ndarray)을 기대했지만 {describe(got)} 을(를) 받았어요")
    if expected.ndim == 0 and not (_is_number(got) or isinstance(got, np.ndarray)):
        raise CheckFailure(f"{what}: 숫자를 기대했지만 {describe(got)} 을(를) 받았어요")
    got_array = np.asarray(got)
    if got_array.shape != expected.shape:
        raise CheckFailure(
            f"{what}: 모양(shape)이 달라요. 기대 {expected.shape}, 실제 {got_array.shape}")
    if got_array.dtype.kind not in "biuf":
        raise CheckFailure(f"{what}: 숫자 배열을 기대했지만 dtype 이 {got_array.dtype} 이에요")
    if dtype is not None and got_array.dtype.kind not in _KINDS[dtype]:
        raise CheckFailure(
            f"{what}: {_kind_name(dtype)} 값을 기대했지만 dtype 이 {got_array.dtype} 이에요")
    if dtype == "int" and isinstance(got, (bool, np.bool_)):
        raise CheckFailure(f"{what}: 정수(int)를 기대했지만 bool 을 받았어요")
    finite = np.isfinite(got_array.astype(float))
    if not finite.all() and np.isfinite(expected.astype(float)).all():
        raise CheckFailure(f"{what}: NaN 또는 inf 가 들어 있어요 (실제 {describe(got)})")
    close = np.isclose(got_array.astype(float), expected.astype(float), atol=atol, rtol=rtol,
                       equal_nan=True)
    if not close.all():
        diff = np.array(np.abs(got_array.astype(float) - expected.astype(float)))
        diff[np.isnan(diff)] = np.inf
        worst = np.unravel_index(int(np.argmax(diff)), diff.shape) if diff.ndim else ()
        where = f" (위치 {tuple(int(i) for i in worst)})" if worst else ""
        raise CheckFailure(
            f"{what}: 값이 달라요. 기대 {describe(expected)}, 실제 {describe(got_array)}; "
            f"가장 큰 차이 {float(diff[worst]):.3g}{where}, 허용 오차 atol={atol:g}, rtol={rtol:g}")


def expect_equal(got, expected, *, what: str) -> None:
    """Exact equality, with the type of ``expected`` (list, int, ...) checked first."""
    if isinstance(expected, list) and not isinstance(got, list):
        raise CheckFailure(f"{what}: 리스트(list)를 기대했지만 {describe(got)} 을(를) 받았어요")
    if isinstance(expected, int) and not isinstance(expected, bool):
        expect_int(got, expected, what=what)
        return
    if not _equal(got, expected):
        raise CheckFailure(f"{what}: 기대 {describe(expected)}, 실제 {describe(got)}")


def _equal(got, expected) -> bool:
    if isinstance(expected, (list, tuple)):
        return (isinstance(got, (list, tuple)) and len(got) == len(expected)
                and all(_equal(g, e) for g, e in zip(got, expected)))
    try:
        return bool(np.all(np.asarray(got) == np.asarray(expected))) and np.shape(got) == np.shape(expected)
    except (TypeError, ValueError):
        return False


def expect_int(got, expected: int, *, what: str) -> None:
    """``got`` is a Python or numpy integer (not a bool, not a float) equal to ``expected``."""
    if isinstance(got, (bool, np.bool_)):
        raise CheckFailure(f"{what}: 정수 {expected} 을(를) 기대했지만 bool {got!r} 을(를) 받았어요")
    if not isinstance(got, (int, np.integer)):
        raise CheckFailure(f"{what}: 정수 {expected} 을(를) 기대했지만 {describe(got)} 을(를) 받았어요")
    if got != expected:
        raise CheckFailure(f"{what}: 기대 {expected}, 실제 {got}")


def expect_unchanged(after, before, *, what: str) -> None:
    """An input the student's code received is exactly as it was before the call."""
    if np.shape(after) != np.shape(before):
        raise CheckFailure(f"{what}: 입력 배열의 모양(shape)이 바뀌었어요. 함수는 받은 배열을 수정하면 안 돼요")
    changed = np.asarray(after) != np.asarray(before)
    changed &= ~(np.isnan(np.asarray(after, dtype=float)) & np.isnan(np.asarray(before, dtype=float)))
    if changed.any():  # the values themselves are the grader's hidden input: count them only
        raise CheckFailure(f"{what}: 입력이 바뀌었어요 ({int(changed.sum())}개 원소). "
                           "함수는 받은 배열을 수정하면 안 돼요")


# --------------------------------------------------------------------------- codec

_NUMBER_KINDS = "biufc"
MAX_MESSAGE_BYTES = 64 * 2**20  # a bigger value is the student's bug, not data to carry


class Ref:
    """A value that lives on the student's side, known here by its number."""

    __slots__ = ("id",)

    def __init__(self, ref_id: int):
        self.id = ref_id


class Unsupported(Exception):
    """A value that is not plain data."""


def encode(value, depth: int = 0):
    """Plain data → JSON-able structure. Raises ``Unsupported`` for anything else."""
    if depth > 32:
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
        return {"$dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    raise Unsupported(type(value).__name__)


def decode(data, resolve=None):
    """Inverse of ``encode``; builds only numbers, str, arrays, lists, tuples and dicts.

    ``resolve`` turns ``{"$ref": n}`` and ``{"$obj": ...}`` markers into objects.
    """
    if isinstance(data, list):
        return [decode(v, resolve) for v in data]
    if not isinstance(data, dict):
        return data
    if "$array" in data or "$scalar" in data:
        dtype = np.dtype(data.get("$array") or data.get("$scalar"))
        if dtype.kind not in _NUMBER_KINDS:
            raise Unsupported(f"dtype {dtype}")
        raw = base64.b64decode(data["data"])
        shape = tuple(int(n) for n in data["shape"])
        if len(raw) != dtype.itemsize * int(np.prod(shape, dtype=np.int64)):
            raise Unsupported("array data does not match its shape")
        array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
        return array if "$array" in data else array[()]
    if "$complex" in data:
        return complex(*data["$complex"])
    if "$tuple" in data:
        return tuple(decode(v, resolve) for v in data["$tuple"])
    if "$dict" in data:
        return {decode(k, resolve): decode(v, resolve) for k, v in data["$dict"]}
    if ("$ref" in data or "$obj" in data) and resolve is not None:
        return resolve(data)
    raise Unsupported(f"unknown marker {sorted(data)}")


def dumps(message) -> bytes:
    return json.dumps(message, allow_nan=True).encode()


def loads(raw: bytes):
    if len(raw) > MAX_MESSAGE_BYTES:
        raise Unsupported("message too large")
    return json.loads(raw)


# --------------------------------------------------------------------------- student side


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Server:
    """Runs requests against the student's namespace; answers with plain data only."""

    def __init__(self, namespace: dict):
        self.namespace = namespace
        self.objects: dict[int, object] = {}
        self.ids: dict[int, int] = {}  # id(object) -> ref number, so `self` comes back as itself

    def _store(self, obj) -> int:
        ref = self.ids.get(id(obj))
        if ref is None:
            ref = len(self.objects) + 1
            self.objects[ref] = obj
            self.ids[id(obj)] = ref
        return ref

    def _resolve(self, marker):
        return self.objects[marker["$ref"]]

    def _answer(self, value):
        try:
            return {"ok": encode(value)}
        except Unsupported:
            return {"ok": {"$obj": self._store(value), "type": type(value).__name__,
                           "callable": callable(value)}}

    def handle(self, request: dict) -> dict:
        """One request → one answer; a student exception becomes ``{"raised": ...}``."""
        op = request["op"]
        args = decode(request.get("args", []), self._resolve)
        try:
            if op == "lookup":
                name = args[0]
                if name not in self.namespace:
                    return {"missing": name}
                return self._answer(self.namespace[name])
            if op == "put":
                return {"ok": {"$obj": self._store(_Box(args[0])), "type": "handle", "callable": False}}
            if op == "get":
                target = args[0]
                return self._answer(target.value if isinstance(target, _Box) else target)
            if op == "function":
                source, names = args
                scope = {"np": np, **{k: v.value if isinstance(v, _Box) else v for k, v in names.items()}}
                return self._answer(_define(source, scope))
            if op == "seed":
                np.random.seed(args[0])
                return {"ok": None}
            target = args[0]
            target = target.value if isinstance(target, _Box) else target
            if op == "call":
                call_args = [a.value if isinstance(a, _Box) else a for a in args[1]]
                call_kwargs = {k: v.value if isinstance(v, _Box) else v for k, v in args[2].items()}
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # warnings from correct code cost nothing
                    return self._answer(target(*call_args, **call_kwargs))
            if op == "getattr":
                return self._answer(getattr(target, args[1]))
            if op == "handle_of":
                return {"ok": {"$obj": self._store(_Box(getattr(target, args[1]))),
                               "type": "handle", "callable": False}}
            if op == "setattr":
                setattr(target, args[1], args[2])
                return {"ok": None}
            if op == "setitem":
                target[args[1]] = args[2]
                return {"ok": None}
            raise ValueError(f"unknown op {op!r}")
        except Exception as error:  # the student's code raised: report type and message only
            return {"raised": [type(error).__name__, _short(error)]}


def _define(source: str, scope: dict):
    """The value of an expression (a lambda), or the last function or class ``source`` defines."""
    tree = ast.parse(source)
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        return eval(compile(ast.Expression(tree.body[0].value), "<grader function>", "eval"), scope)
    exec(compile(tree, "<grader function>", "exec"), scope)
    defined = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    return scope[defined[-1]]


class _Box:
    """A grader-made value on the student side (``Student.put``); unwrapped when used."""

    def __init__(self, value):
        self.value = value


# --------------------------------------------------------------------------- grader side


class Student:
    """The student's namespace, reached only through ``transport(request) -> answer``.

    ``Student.local(namespace)`` runs the protocol in-process (notebook, pytest); the
    grading machinery builds one over a socket to a sandboxed process.
    """

    def __init__(self, transport):
        self._transport = transport
        self._proxies: dict[int, ObjectProxy] = {}

    @classmethod
    def local(cls, namespace: dict) -> Student:
        server = Server(namespace)
        # Round-trip through bytes so local checks see exactly what remote graders see.
        return cls(lambda request: loads(dumps(server.handle(loads(dumps(request))))))

    def _request(self, op: str, *args, label: str):
        answer = self._transport({"op": op, "args": encode(list(args))})
        if not isinstance(answer, dict):
            raise CheckFailure(f"{label}: 학생 코드 쪽에서 알 수 없는 응답이 왔어요")
        if "missing" in answer:
            raise CheckFailure(f"{answer['missing']} 이(가) 정의되지 않았어요. 해당 셀을 실행했는지, "
                               "이름을 바꾸지 않았는지 확인하세요")
        if "raised" in answer:
            kind, message = answer["raised"]
            if kind == "NotImplementedError":
                raise CheckFailure(f"{label}: 아직 구현하지 않았어요 (NotImplementedError)")
            raise CheckFailure(f"{label} 을(를) 실행하는 중 예외가 발생했어요: {kind}: {message}")
        try:
            return decode(answer["ok"], self._proxy)
        except (Unsupported, KeyError, TypeError, ValueError) as error:
            raise CheckFailure(f"{label}: 돌려받은 값을 읽을 수 없어요 ({_short(error)})") from None

    def _proxy(self, marker):
        ref = int(marker["$obj"])
        if ref not in self._proxies:
            cls = CallableProxy if marker["callable"] else ObjectProxy
            self._proxies[ref] = cls(self, Ref(ref), marker["type"])
        return self._proxies[ref]

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._request("lookup", name, label=name)
        if isinstance(value, ObjectProxy):
            value._label = name
        return value

    def put(self, value) -> ObjectProxy:
        """A copy of ``value`` that lives on the student's side."""
        return self._request("put", value, label="put")

    def get(self, handle):
        """The current value of a handle (plain data, by value)."""
        return self._request("get", handle._ref, label="get")

    def function(self, source: str, **names) -> CallableProxy:
        """A callable on the student's side built from grader-written ``source``."""
        names = {k: v._ref if isinstance(v, ObjectProxy) else v for k, v in names.items()}
        return self._request("function", source, names, label="function")

    def seed(self, seed: int) -> None:
        """``np.random.seed(seed)`` on the student's side."""
        self._request("seed", int(seed), label="seed")

    def handle_of(self, obj: ObjectProxy, name: str) -> ObjectProxy:
        """A handle to ``obj.name`` itself (not a copy)."""
        return self._request("handle_of", obj._ref, name, label=f"{obj._label}.{name}")

    def setitem(self, handle: ObjectProxy, key, value) -> None:
        self._request("setitem", handle._ref, key, _wire(value), label=f"{handle._label}[{key!r}]")


def _wire(value):
    return value._ref if isinstance(value, ObjectProxy) else value


class ObjectProxy:
    """Something on the student's side that is not plain data (an instance, a handle)."""

    def __init__(self, student: Student, ref: Ref, type_name: str):
        object.__setattr__(self, "_student", student)
        object.__setattr__(self, "_ref", ref)
        object.__setattr__(self, "_type_name", type_name)
        object.__setattr__(self, "_label", type_name)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        value = self._student._request("getattr", self._ref, name, label=f"{self._label}.{name}")
        if isinstance(value, ObjectProxy):
            object.__setattr__(value, "_label", f"{self._label}.{name}")
        return value

    def __setattr__(self, name: str, value) -> None:
        if name == "_label":
            object.__setattr__(self, name, value)
            return
        self._student._request("setattr", self._ref, name, _wire(value), label=f"{self._label}.{name}")

    def __repr__(self) -> str:
        return f"<student {self._type_name} {self._label}>"


class CallableProxy(ObjectProxy):
    """A function or class on the student's side."""

    def __call__(self, *args, **kwargs):
        return self._student._request(
            "call", self._ref, [_wire(a) for a in args], {k: _wire(v) for k, v in kwargs.items()},
            label=f"{self._label}(...)")


# --------------------------------------------------------------------------- notebooks

TEST_CELL = "test cell"


def notebook_code_cells(notebook: dict):
    """(grade_id or None, source) of the code cells a student's namespace is built from.

    Test cells are skipped: they hold public checks, not the student's code.
    """
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if meta.get("grade") and not meta.get("solution"):
            continue
        source = cell.get("source", "")
        yield meta.get("grade_id"), "".join(source) if isinstance(source, list) else source


def load_notebook(path) -> tuple[dict, list[str]]:
    """Execute a saved notebook's code cells (no kernel); return (namespace, cell errors)."""
    path = Path(path)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    os.environ.setdefault("MPLBACKEND", "Agg")
    namespace = {"__name__": "__main__"}
    errors = []
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        for index, (grade_id, source) in enumerate(notebook_code_cells(notebook)):
            try:
                with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    exec(compile(source, f"<cell {grade_id or index}>", "exec"), namespace)
            except BaseException as error:
                if isinstance(error, KeyboardInterrupt):
                    raise
                errors.append(f"셀 {grade_id or index}: {type(error).__name__}: {_short(error)}")
    finally:
        os.chdir(cwd)
    return namespace, errors


def exercise_of(check_name: str, names) -> str | None:
    """The exercise a check ``test_<name>_<property>`` belongs to: the longest matching name."""
    matches = [n for n in names if check_name.startswith(f"test_{n}_") or check_name == f"test_{n}"]
    return max(matches, key=len) if matches else None


def public_checks(module, names) -> dict[str, list]:
    """Exercise name → its check functions, in file order."""
    by_exercise: dict[str, list] = {}
    for attr, fn in vars(module).items():
        if attr.startswith("test_") and callable(fn):
            name = exercise_of(attr, names)
            if name is not None:
                by_exercise.setdefault(name, []).append(fn)
    return by_exercise


def load_public_checks(folder=None) -> types.ModuleType:
    folder = Path(folder) if folder else Path(os.path.dirname(os.path.abspath(__file__)))
    spec = importlib.util.spec_from_file_location("public_checks", folder / "public_checks.py")
    module = importlib.util.module_from_spec(spec)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    spec.loader.exec_module(module)
    return module


def first_line(fn) -> str:
    return ((fn.__doc__ or fn.__name__).strip().splitlines() or [fn.__name__])[0]


def check(name: str, namespace: dict) -> None:
    """Run the public checks of exercise ``name`` against the notebook's ``namespace``."""
    checks = public_checks(load_public_checks(os.getcwd()), namespace).get(name, [])
    student = Student.local(namespace)
    failed = 0
    print(f"{name} 공개 검사(public checks):")
    for fn in checks:
        try:
            fn(student)
        except CheckFailure as failure:
            failed += 1
            print(f"  ✗ {first_line(fn)}\n      → {failure}")
        except Exception:  # a bug in a check must show itself, not pass
            failed += 1
            print(f"  ✗ {first_line(fn)}\n      → 검사 도중 오류:\n{traceback.format_exc(limit=-1)}")
        else:
            print(f"  ✓ {first_line(fn)}")
    print(f"{len(checks) - failed}/{len(checks)} 통과")
    if failed:
        raise CheckFailure(f"{name}: 공개 검사 {failed}개 실패")
