# Released to students beside each notebook: a copy of nnbasics/release_kit/selfcheck.py,
# made by `make release`. Edit that file, not a copy.
"""Public checks (공개 검사): what a check may say, and how the notebook runs them.

- ``expect_*``: layered checks (type → shape → dtype → finite → values) that raise
  ``CheckFailure`` with a message in student terms; hidden graders use the same ones;
- ``TOL``: every tolerance, named, with its reason;
- ``check(name, globals())``: the notebook's test cell, running ``public_checks.py``
  (``report`` makes its lines).

The student's functions are reached through ``selfcheck_protocol.Student``; ``pytest``
in the assignment folder runs the same checks (``conftest.py``). Only numpy and the
standard library are needed.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import traceback
import types
from pathlib import Path

import numpy as np

try:  # inside the nnbasics package (grading)
    from . import selfcheck_wording as wording
    from .selfcheck_notebook import exercise_names
    from .selfcheck_protocol import CheckFailure, ExerciseAborted, ObjectProxy, Student, short
except ImportError:  # beside a student's notebook
    import selfcheck_wording as wording
    from selfcheck_notebook import exercise_names
    from selfcheck_protocol import CheckFailure, ExerciseAborted, ObjectProxy, Student, short

__all__ = ["TOL", "CheckFailure", "ExerciseAborted", "check", "describe", "expect_array", "expect_equal",
           "expect_int", "expect_ndarray", "expect_true", "expect_unchanged", "instance", "names_unwritten_methods"]


class TOL:
    """Named tolerances; each one says why it is what it is."""

    # Same formula, different but valid evaluation order (@ vs loops, tanh form of the
    # sigmoid, logsumexp softmax): agreement to ~1e-15 relative; 1e-9 leaves room.
    close_rel = 1e-9
    close_abs = 1e-12
    # Values spanning orders of magnitude (a sigmoid's or a softmax's tails, e^-30 ~ 1e-13):
    # close_abs would pass a tail off by a factor of 1000 (an input clipped to ±30). The
    # tanh form's cancellation costs ~1e-17 there; 1e-15 leaves room for it and nothing more.
    tails_abs = 1e-15
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


# --------------------------------------------------------------------------- messages

_MAX_SHOWN = 300  # characters of a value shown in a message


def describe(value) -> str:
    """A short, safe description of a value for a message (never echoes long strings)."""
    if isinstance(value, ObjectProxy):
        return wording.OBJECT_OF.format(type=value._type_name)
    if isinstance(value, (str, bytes)):
        return wording.STRING_OF_LENGTH.format(type=type(value).__name__, length=len(value))
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=4, threshold=12, edgeitems=2, linewidth=100):
            text = f"array({np.array2string(np.asarray(value), separator=', ')}, dtype={value.dtype})"
    elif isinstance(value, (np.generic, type(None))):
        text = repr(value)
    elif isinstance(value, (bool, int, float, complex, list, tuple, dict)):
        text = f"{type(value).__name__} {value!r}"
    else:
        text = type(value).__name__
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


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


def expect_ndarray(got, *, what: str, shape: tuple | None = None):
    """``got`` is an ``np.ndarray`` (of ``shape``, when given): the layer before any arithmetic on it."""
    if not isinstance(got, np.ndarray):
        raise CheckFailure(wording.EXPECTED_ARRAY.format(what=what, got=describe(got)))
    if shape is not None and got.shape != tuple(shape):
        raise CheckFailure(wording.WRONG_SHAPE.format(what=what, expected=tuple(shape), got=got.shape))
    return got


def expect_array(got, expected, *, what: str, dtype: str | None = None,
                 atol: float = TOL.close_abs, rtol: float = TOL.close_rel) -> None:
    """Check ``got`` against ``expected`` in layers: type, shape, dtype, finite, values.

    ``expected`` may be an array, a list or a number. An array-valued expectation needs an
    ``np.ndarray``; a scalar one accepts a Python or numpy number or a 0-d array.
    ``dtype`` ("int", "float", "bool") fixes the kind of number where the spec does.
    """
    expected = np.asarray(expected)
    if expected.ndim > 0:
        expect_ndarray(got, what=what)
    if expected.ndim == 0 and not (_is_number(got) or isinstance(got, np.ndarray)):
        raise CheckFailure(wording.EXPECTED_NUMBER.format(what=what, got=describe(got)))
    got_array = np.asarray(got)
    if got_array.shape != expected.shape:
        raise CheckFailure(wording.WRONG_SHAPE.format(what=what, expected=expected.shape, got=got_array.shape))
    if got_array.dtype.kind not in "biuf":
        raise CheckFailure(wording.NOT_NUMERIC.format(what=what, dtype=got_array.dtype))
    if dtype is not None and got_array.dtype.kind not in _KINDS[dtype]:
        raise CheckFailure(wording.WRONG_KIND.format(what=what, kind=wording.KIND[dtype], dtype=got_array.dtype))
    if dtype == "int" and isinstance(got, (bool, np.bool_)):
        raise CheckFailure(wording.BOOL_FOR_INT.format(what=what))
    finite = np.isfinite(got_array.astype(float))
    if not finite.all() and np.isfinite(expected.astype(float)).all():
        raise CheckFailure(wording.NOT_FINITE.format(what=what, got=describe(got)))
    close = np.isclose(got_array.astype(float), expected.astype(float), atol=atol, rtol=rtol,
                       equal_nan=True)
    if not close.all():
        diff = np.array(np.abs(got_array.astype(float) - expected.astype(float)))
        diff[np.isnan(diff)] = np.inf
        worst = np.unravel_index(int(np.argmax(diff)), diff.shape) if diff.ndim else ()
        where = wording.AT_POSITION.format(position=tuple(int(i) for i in worst)) if worst else ""
        raise CheckFailure(wording.WRONG_VALUES.format(
            what=what, expected=describe(expected), got=describe(got_array), diff=float(diff[worst]),
            where=where, atol=atol, rtol=rtol))


def expect_equal(got, expected, *, what: str) -> None:
    """Exact equality, with the type of ``expected`` (list, int, ...) checked first."""
    if isinstance(expected, list) and not isinstance(got, list):
        raise CheckFailure(wording.EXPECTED_LIST.format(what=what, got=describe(got)))
    if isinstance(expected, int) and not isinstance(expected, bool):
        expect_int(got, expected, what=what)
        return
    if not _equal(got, expected):
        raise CheckFailure(wording.NOT_EQUAL.format(what=what, expected=describe(expected), got=describe(got)))


def _equal(got, expected) -> bool:
    if isinstance(expected, (list, tuple)):
        return (isinstance(got, (list, tuple)) and len(got) == len(expected)
                and all(_equal(g, e) for g, e in zip(got, expected)))
    if np.shape(got) != np.shape(expected):  # before comparing: no broadcasting of a wrong shape
        return False
    try:
        return bool(np.all(np.asarray(got) == np.asarray(expected)))
    except (TypeError, ValueError):
        return False


def expect_int(got, expected: int, *, what: str) -> None:
    """``got`` is a Python or numpy integer (not a bool, not a float) equal to ``expected``."""
    if isinstance(got, (bool, np.bool_)):
        raise CheckFailure(wording.INT_GOT_BOOL.format(what=what, expected=expected, got=got))
    if not isinstance(got, (int, np.integer)):
        raise CheckFailure(wording.INT_GOT_OTHER.format(what=what, expected=expected, got=describe(got)))
    if got != expected:
        raise CheckFailure(wording.NOT_EQUAL.format(what=what, expected=expected, got=got))


def expect_unchanged(after, before, *, what: str) -> None:
    """An input the student's code received is exactly as it was before the call."""
    if np.shape(after) != np.shape(before):
        raise CheckFailure(wording.INPUT_RESHAPED.format(what=what))
    after, before = np.asarray(after), np.asarray(before)
    changed = after != before
    changed &= ~(np.isnan(after.astype(float)) & np.isnan(before.astype(float)))
    if changed.any():  # the values themselves are the grader's hidden input: count them only
        raise CheckFailure(wording.INPUT_CHANGED.format(what=what, count=int(changed.sum())))


# --------------------------------------------------------------------------- running public checks


# Run on the student's side: the methods of a class whose body is still the released stub.
# Bytecode is compared with a stub compiled in the same process, so comments and docstrings do not matter.
STUB_METHODS = '''def stub_methods(cls):
    def stub(self):
        raise NotImplementedError()
    mark = (stub.__code__.co_code, stub.__code__.co_names)
    return [name for name, f in vars(cls).items()
            if getattr(f, "__code__", None) is not None and (f.__code__.co_code, f.__code__.co_names) == mark]
'''


def names_unwritten_methods(class_name: str):
    """For the checks of a class released with one stub per method: a NotImplementedError names
    every method still left as released (``fit`` fails when only ``predict`` is missing, so the
    call alone would point at the wrong method)."""
    def decorate(check):
        @functools.wraps(check)
        def wrapped(student, *args, **kwargs):
            try:
                return check(student, *args, **kwargs)
            except CheckFailure as failure:
                if failure.raised != "NotImplementedError":
                    raise
                try:
                    stubs = student.function(STUB_METHODS)(getattr(student, class_name))
                except CheckFailure:
                    stubs = None
                if not stubs:
                    raise
                raise CheckFailure(wording.UNWRITTEN_METHODS.format(failure=failure, names=", ".join(stubs)),
                                   raised=failure.raised) from None
        return wrapped
    return decorate


def instance(student, class_name: str, *args):
    """``student.<class_name>(*args)``, or, while ``__init__`` is still the released stub, an instance
    made without it: the check of another method then tests that method alone."""
    cls = getattr(student, class_name)
    try:
        return cls(*args)
    except CheckFailure as failure:
        if failure.raised != "NotImplementedError":
            raise
        return student.function("lambda cls: cls.__new__(cls)")(cls)


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


def checks_of(module, name: str, exercises=()) -> list:
    """The checks of exercise ``name``: ``test_<name>_...`` functions of ``public_checks.py``,
    less those of a longer exercise name (``exercises``, e.g. ``sigmoid_grad`` beside ``sigmoid``).

    Chosen by the name alone, never by what the notebook has defined: a check cell run
    before its exercise's cell still has checks to run (and fails them).
    """
    return public_checks(module, {name, *exercises}).get(name, [])


def load_public_checks(folder=None) -> types.ModuleType:
    folder = Path(folder) if folder else KIT_FOLDER
    spec = importlib.util.spec_from_file_location("public_checks", folder / "public_checks.py")
    module = importlib.util.module_from_spec(spec)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    spec.loader.exec_module(module)
    return module


KIT_FOLDER = Path(os.path.dirname(os.path.abspath(__file__)))


def first_line(fn) -> str:
    return ((fn.__doc__ or fn.__name__).strip().splitlines() or [fn.__name__])[0]


def _crash(error: BaseException) -> str:
    """A check's own error, in one line (no traceback into the kit's files)."""
    return short("".join(traceback.format_exception_only(type(error), error)), 300)


def report(name: str, namespace: dict, folder=None) -> tuple[list[str], bool]:
    """The lines a check cell shows for exercise ``name``, and whether every check passed.

    Never a pass with nothing checked: no checks for ``name``, or ``name`` not defined in
    the notebook (its cell not run since the kernel started), is a failure that says so.
    """
    folder = Path(folder) if folder else KIT_FOLDER
    lines = [wording.CHECKS_HEADER.format(name=name)]
    try:
        module = load_public_checks(folder)
    except Exception as error:  # public_checks.py missing or broken: nothing was checked
        return [*lines, wording.NO_PUBLIC_CHECKS.format(error=_crash(error))], False
    checks = checks_of(module, name, exercise_names(folder))
    if not checks:
        return [*lines, wording.NO_CHECKS_FOR.format(name=name)], False
    if name not in namespace:
        return [*lines, wording.RUN_CELL_FIRST.format(name=name, count=len(checks))], False
    student = Student.local(namespace)
    failed = 0
    for fn in checks:
        try:
            fn(student)
        except CheckFailure as failure:
            failed += 1
            lines.append(wording.CHECK_FAILED.format(description=first_line(fn), message=failure))
        except Exception as error:  # a bug in a check must show itself, not pass
            failed += 1
            lines.append(wording.CHECK_CRASHED.format(description=first_line(fn), error=_crash(error)))
        else:
            lines.append(wording.CHECK_PASSED.format(description=first_line(fn)))
    lines.append(wording.CHECKS_TOTAL.format(passed=len(checks) - failed, total=len(checks)))
    lines.append(wording.CHECKS_FAILED.format(name=name, failed=failed, total=len(checks)) if failed
                 else wording.ALL_PASSED.format(name=name))
    return lines, not failed


def check(name: str, namespace: dict, folder=None) -> None:
    """The notebook's check cell: run the public checks of exercise ``name`` against ``namespace``.

    Prints one line per check (expected and got on failure). It never raises, so Run All
    goes on to the next exercise. A failure is written to stderr: nbgrader scores a test
    cell with stderr output 0, so its Validate button and ``nbgrader validate`` list the
    cell with these very lines as its error; a pass is written to stdout. It returns
    nothing, so the cell shows no result value (nbgrader would read one as a score).
    ``folder`` holds ``public_checks.py`` and the notebook: by default, this file's own.
    """
    lines, passed = report(name, namespace, folder)
    stream = sys.stdout if passed else sys.stderr
    stream.write("\n".join(lines) + "\n")
    stream.flush()
