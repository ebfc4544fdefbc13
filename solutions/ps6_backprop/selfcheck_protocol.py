# Released to students beside each notebook: a copy of nnbasics/release_kit/selfcheck_protocol.py,
# made by `make release`. Edit that file, not a copy.
"""The narrow protocol between checks and the student's notebook namespace.

``Student`` is the checks' end: ``student.softmax(x)`` sends a request and returns
plain data by value (or a proxy for anything else). ``Server`` is the student's end: it
answers requests against the namespace. Between them only ``selfcheck_codec`` data
travels, so the same checks run in the notebook (``Student.local``), under ``pytest`` in
the assignment folder, and in hidden grading, where the student's code lives in another
process and the protocol runs over a socket.
"""

from __future__ import annotations

import ast
import warnings

import numpy as np

try:  # inside the nnbasics package (grading)
    from . import selfcheck_codec as codec
    from . import selfcheck_wording as wording
except ImportError:  # beside a student's notebook
    import selfcheck_codec as codec
    import selfcheck_wording as wording


class CheckFailure(AssertionError):
    """A check failed; the message is written for the student.

    ``raised`` names the exception the student's code raised, when that was the failure
    (``"NotImplementedError"`` for a stub left as released).
    """

    def __init__(self, message: str, raised: str | None = None):
        super().__init__(message)
        self.raised = raised


class ExerciseAborted(CheckFailure):
    """The student's code broke a limit (time, memory, process died): the exercise scores 0."""


def short(text, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------- student side


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
            return {"ok": codec.encode(value)}
        except codec.Unsupported:
            return {"ok": {"$obj": self._store(value), "type": type(value).__name__,
                           "callable": callable(value)}}

    def _handle_to(self, value) -> dict:
        return {"ok": {"$obj": self._store(_Box(value)), "type": "handle", "callable": False}}

    def handle(self, request: dict) -> dict:
        """One request → one answer; a student exception becomes ``{"raised": ...}``."""
        op = request["op"]
        args = codec.decode(request.get("args", []), self._resolve)
        try:
            if op == "lookup":
                name = args[0]
                if name not in self.namespace:
                    return {"missing": name}
                return self._answer(self.namespace[name])
            if op == "put":
                return self._handle_to(args[0])
            if op == "get":
                return self._answer(_unbox(args[0]))
            if op == "function":
                source, names = args
                return self._answer(_define(source, {"np": np, **{k: _unbox(v) for k, v in names.items()}}))
            if op == "seed":
                np.random.seed(args[0])
                return {"ok": None}
            if op == "replace":  # a grader stands in for a name the student defined (composition)
                self.namespace[args[0]] = _unbox(args[1])
                return {"ok": None}
            target = _unbox(args[0])
            if op in ("call", "keep"):
                call_args = [_unbox(a) for a in args[1]]
                call_kwargs = {k: _unbox(v) for k, v in args[2].items()}
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # warnings from correct code cost nothing
                    result = target(*call_args, **call_kwargs)
                # "keep": the result itself stays here, so a grader can see what else changes with it
                return self._handle_to(result) if op == "keep" else self._answer(result)
            if op == "mutate":
                _mutate(target)
                return {"ok": None}
            if op == "assign":  # new contents, same array object
                np.copyto(target, args[1])
                return {"ok": None}
            if op == "getattr":
                return self._answer(getattr(target, args[1]))
            if op == "handle_of":
                return self._handle_to(getattr(target, args[1]))
            if op == "setattr":
                setattr(target, args[1], _unbox(args[2]))
                return {"ok": None}
            if op == "setitem":
                target[args[1]] = _unbox(args[2])
                return {"ok": None}
            raise ValueError(f"unknown op {op!r}")
        except Exception as error:  # the student's code raised: report type and message only
            return {"raised": [type(error).__name__, short(error)]}


class _Box:
    """A grader-made value on the student side (``Student.put``); unwrapped when used."""

    def __init__(self, value):
        self.value = value


def _unbox(value):
    return value.value if isinstance(value, _Box) else value


def _mutate(value) -> None:
    """Change ``value`` in place, whatever it holds: arrays inside it change, lists grow."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc" and value.flags.writeable:
        if value.dtype.kind == "b":
            np.logical_not(value, out=value)
        else:
            value += 1
    elif isinstance(value, dict):
        for item in value.values():
            _mutate(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _mutate(item)
        if isinstance(value, list):
            value.append(None)


def _define(source: str, scope: dict):
    """The value of an expression (a lambda), or the last function or class ``source`` defines."""
    tree = ast.parse(source)
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        return eval(compile(ast.Expression(tree.body[0].value), "<grader function>", "eval"), scope)
    exec(compile(tree, "<grader function>", "exec"), scope)
    defined = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    return scope[defined[-1]]


# --------------------------------------------------------------------------- checks' side


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
        return cls(lambda request: codec.loads(codec.dumps(server.handle(codec.loads(codec.dumps(request))))))

    def _request(self, op: str, *args, label: str):
        answer = self._transport({"op": op, "args": codec.encode(list(args))})
        if not isinstance(answer, dict):
            raise CheckFailure(wording.UNKNOWN_ANSWER.format(label=label))
        if "missing" in answer:
            raise CheckFailure(wording.NOT_DEFINED.format(name=short(answer["missing"], 60)))
        if "raised" in answer:
            kind, message = (short(part) for part in answer["raised"][:2])
            if kind == "NotImplementedError":
                raise CheckFailure(wording.NOT_IMPLEMENTED.format(label=label), raised=kind)
            raise CheckFailure(wording.RAISED.format(label=label, kind=kind, message=message), raised=kind)
        try:
            return codec.decode(answer["ok"], self._proxy, array_type=codec.BoundedArray)
        except (codec.Unsupported, KeyError, TypeError, ValueError) as error:
            raise CheckFailure(wording.UNREADABLE_VALUE.format(label=label, reason=short(error))) from None

    def _proxy(self, marker):
        ref = int(marker["$obj"])
        if ref not in self._proxies:
            cls = CallableProxy if marker["callable"] else ObjectProxy
            self._proxies[ref] = cls(self, codec.Ref(ref), short(marker["type"], 60))
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
        return self._request("function", source, {k: _wire(v) for k, v in names.items()}, label="function")

    def seed(self, seed: int) -> None:
        """``np.random.seed(seed)`` on the student's side."""
        self._request("seed", int(seed), label="seed")

    def handle_of(self, obj: ObjectProxy, name: str) -> ObjectProxy:
        """A handle to ``obj.name`` itself (not a copy)."""
        return self._request("handle_of", obj._ref, name, label=f"{obj._label}.{name}")

    def setitem(self, handle: ObjectProxy, key, value) -> None:
        self._request("setitem", handle._ref, key, _wire(value), label=f"{handle._label}[{key!r}]")

    def keep(self, function: CallableProxy, *args, **kwargs) -> ObjectProxy:
        """Call ``function`` and keep its result on the student's side: a handle to the very object
        it returned (to see whether it shares memory with an input, a cache or a later result)."""
        return self._request("keep", function._ref, [_wire(a) for a in args],
                             {k: _wire(v) for k, v in kwargs.items()}, label=f"{function._label}(...)")

    def mutate(self, handle: ObjectProxy) -> None:
        """Change the handle's value in place on the student's side (arrays +1, lists grow)."""
        self._request("mutate", handle._ref, label="mutate")

    def assign(self, handle: ObjectProxy, value) -> None:
        """New contents for the array behind ``handle``: the same object, other values."""
        self._request("assign", handle._ref, value, label="assign")

    def replace(self, name: str, value) -> None:
        """Make ``name`` in the student's namespace ``value`` (a grader's stand-in, e.g. for a gate)."""
        self._request("replace", name, _wire(value), label=name)


def _wire(value):
    return value._ref if isinstance(value, ObjectProxy) else value


class ObjectProxy:
    """Something on the student's side that is not plain data (an instance, a handle)."""

    def __init__(self, student: Student, ref: codec.Ref, type_name: str):
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
