"""Wrong answers made from a reference solution: one small change each (mutants).

Our own ``ast`` operators, not mutmut's or cosmic-ray's: both mutate modules on disk
and run a test command per mutant (mutmut 3 rewrites a whole package with trampolines;
cosmic-ray applies parso operators to files), whereas a solution cell is a string we
grade through nbgrader ourselves. Their generic operators (arithmetic, comparisons,
numbers) are a few lines here; the ones that matter for this course (an axis,
``keepdims`` dropped, ``np.sum`` for ``np.mean``, an in-place update for a copy,
parameters reordered, state moved to the class) exist in neither.

A mutant's source is ``ast.unparse`` of the changed tree (comments are lost, the code is
the same); it must compile, and mutants with the same source are one.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import difflib
import re
from collections.abc import Callable, Iterator

SOLUTION_MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Mutant:
    name: str        # the graded name whose cell this is
    number: int      # 1, 2, ... in generation order (stable for a given source)
    operator: str    # what kind of change, e.g. "operator swapped"
    source: str      # the whole replacement cell
    diff: tuple[str, ...]  # the changed lines: "- before", "+ after"

    @property
    def ident(self) -> str:
        return f"{self.name}#{self.number}"


def cell_source(cell: dict) -> str:
    """A solution cell's code as the reference: the def/class line and the solution region, markers dropped."""
    source = cell["source"]
    return SOLUTION_MARKERS.sub("", "".join(source) if isinstance(source, list) else source)


# --------------------------------------------------------------------------- helpers

def _parents(tree: ast.AST) -> dict[int, tuple[ast.AST, str, int | None]]:
    """id(node) → (parent, field, index in the field's list or None)."""
    found = {}
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if isinstance(value, list):
                for i, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        found[id(child)] = (parent, field, i)
            elif isinstance(value, ast.AST):
                found[id(value)] = (parent, field, None)
    return found


class _Tree:
    """The tree being mutated, with what the operators need to edit it."""

    def __init__(self, tree: ast.AST):
        self.tree = tree
        self.parents = _parents(tree)

    def replace(self, node: ast.AST, new: ast.AST) -> None:
        parent, field, index = self.parents[id(node)]
        if index is None:
            setattr(parent, field, new)
        else:
            getattr(parent, field)[index] = new

    def body_of(self, stmt: ast.stmt) -> tuple[list, int]:
        parent, field, index = self.parents[id(stmt)]
        return getattr(parent, field), index

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(id(node), (None,))[0]


def _is_docstring(stmt: ast.AST) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _np_call(node: ast.AST, names: set[str]) -> str | None:
    """``np.<name>(...)`` → name, for name in ``names``."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "np"):
        return node.func.attr
    return None


# An edit is (what kind of change, a function that makes it on a tree): operators look at a
# node of the original tree and say which edits they can make there; each edit is then made
# on a fresh copy, on the node at the same place.
Edit = tuple[str, Callable[[_Tree, ast.AST], None]]

# --------------------------------------------------------------------------- operators

BINARY = {ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Div, ast.MatMult], ast.Div: [ast.Mult],
          ast.FloorDiv: [ast.Div], ast.MatMult: [ast.Mult], ast.Pow: [ast.Mult]}
COMPARE = {ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Eq: ast.NotEq,
           ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
SWAPPED_CALLS = {"sum": "mean", "mean": "sum", "max": "min", "min": "max", "argmax": "argmin",
                 "argmin": "argmax", "maximum": "minimum", "minimum": "maximum"}
AXES = {-1: 0, 0: 1, 1: 0}


def binary_operators(node, tree) -> Iterator[Edit]:
    """``+``/``-``, ``*``/``/``, ``@``/``*``, ``//``→``/``, ``**``→``*``, also in ``+=`` and the like."""
    if isinstance(node, (ast.BinOp, ast.AugAssign)):
        for new in BINARY.get(type(node.op), []):
            yield "operator swapped", lambda t, n, new=new: setattr(n, "op", new())


def comparisons(node, tree) -> Iterator[Edit]:
    """``>``/``>=``, ``<``/``<=``, ``==``/``!=``, ``is``/``is not``."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in COMPARE:
                yield "comparison flipped", lambda t, n, i=i: n.ops.__setitem__(i, COMPARE[type(n.ops[i])]())


def _number_variants(value) -> list:
    if isinstance(value, bool):
        return [not value]
    if value == 0:
        return [1]
    if value == 1:
        return [0, 2]
    if value == 0.5:
        return [1]
    if isinstance(value, float) and 0 < abs(value) < 0.01:  # 1e-7, h = 1e-4: off, and ten times larger
        return [0, value * 10]
    return [value + 1]


def constants(node, tree) -> Iterator[Edit]:
    """Numbers: 0→1, 1→0 or 2, 0.5→1, a small epsilon→0 or ×10, others +1; True↔False; defaults too."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, (int, float))):
        return
    parent = tree.parent(node)
    while isinstance(parent, ast.UnaryOp):
        parent = tree.parent(parent)
    if isinstance(parent, ast.keyword) and (parent.arg == "axis" or isinstance(node.value, bool)):
        return  # the axis operator changes axes; keepdims=False is keepdims dropped
    kind = "default changed" if isinstance(parent, ast.arguments) else "constant changed"
    for new in _number_variants(node.value):
        yield kind, lambda t, n, new=new: setattr(n, "value", new)


def axes(node, tree) -> Iterator[Edit]:
    """``axis=-1``→0, ``axis=1``→0, ``axis=0``→1."""
    if isinstance(node, ast.keyword) and node.arg == "axis":
        try:
            axis = ast.literal_eval(node.value)
        except ValueError:
            return
        if axis in AXES:
            yield "axis changed", lambda t, n: setattr(n, "value", ast.Constant(AXES[axis]))


def keywords_dropped(node, tree) -> Iterator[Edit]:
    """A keyword argument left out: ``keepdims=True``, ``axis=``, ``dtype=`` ..."""
    if isinstance(node, ast.Call):
        for i, keyword in enumerate(node.keywords):
            if keyword.arg is not None:
                yield f"{keyword.arg}= dropped", lambda t, n, i=i: n.keywords.pop(i)


def calls_swapped(node, tree) -> Iterator[Edit]:
    """``np.sum``→``np.mean``, ``np.max``→``np.min``, ``np.argmax``→``np.argmin`` ... and the methods."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SWAPPED_CALLS:
        yield "function swapped", lambda t, n: setattr(n.func, "attr", SWAPPED_CALLS[n.func.attr])


def sign_dropped(node, tree) -> Iterator[Edit]:
    """``-x``→``x`` (but not a negative literal: that is a constant)."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and not isinstance(node.operand, ast.Constant):
        yield "sign dropped", lambda t, n: t.replace(n, n.operand)


def shorter_range(node, tree) -> Iterator[Edit]:
    """``range(n)``→``range(n - 1)`` (the stop of ``range(a, n, s)`` too)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" and node.args:
        stop = 0 if len(node.args) == 1 else 1

        def edit(t, n, stop=stop):
            n.args[stop] = ast.BinOp(n.args[stop], ast.Sub(), ast.Constant(1))
        yield "range shortened", edit


def copy_dropped(node, tree) -> Iterator[Edit]:
    """``np.copy(x)``/``np.array(x)``/``x.copy()``→``x``: the caller's array instead of a copy."""
    if _np_call(node, {"copy", "array"}) and len(node.args) == 1 and not node.keywords:
        yield "copy dropped", lambda t, n: t.replace(n, n.args[0])
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "copy"
          and not node.args):
        yield "copy dropped", lambda t, n: t.replace(n, n.func.value)


def in_place(node, tree) -> Iterator[Edit]:
    """``x = x - y``→``x -= y``: the update then changes the array ``x`` came from."""
    if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.BinOp) and isinstance(node.value.left, ast.Name)
            and node.value.left.id == node.targets[0].id):
        yield "in place instead of a copy", lambda t, n: t.replace(
            n, ast.AugAssign(ast.Name(n.targets[0].id, ast.Store()), n.value.op, n.value.right))


def statements(node, tree) -> Iterator[Edit]:
    """A statement deleted, or repeated where doing it twice can matter (updates, calls, ``x = f(x)``)."""
    if not isinstance(node, ast.stmt) or isinstance(node, (ast.FunctionDef, ast.ClassDef)) or _is_docstring(node):
        return

    def delete(t, n):
        body, index = t.body_of(n)
        del body[index]
        if not any(not _is_docstring(s) for s in body):
            body.append(ast.Pass())
    yield "statement deleted", delete
    target_read = (isinstance(node, ast.Assign) and {getattr(x, "id", None) for x in node.targets}
                   & {x.id for x in ast.walk(node.value) if isinstance(x, ast.Name)})
    if isinstance(node, (ast.AugAssign, ast.Expr)) or target_read:
        def repeat(t, n):
            body, index = t.body_of(n)
            body.insert(index, copy.deepcopy(n))
        yield "statement repeated", repeat


def parameters_reordered(node, tree) -> Iterator[Edit]:
    """Two neighbouring parameters with defaults swapped, defaults and all (``lr=..., step_num=...``)."""
    if isinstance(node, ast.arguments) and len(node.defaults) >= 2:
        first = len(node.args) - len(node.defaults)
        for i in range(len(node.defaults) - 1):
            def swap(t, n, i=i):
                a = first + i
                n.args[a], n.args[a + 1] = n.args[a + 1], n.args[a]
                n.defaults[i], n.defaults[i + 1] = n.defaults[i + 1], n.defaults[i]
            yield "parameters reordered", swap


def state_to_class(node, tree) -> Iterator[Edit]:
    """``self.a = []``/``{...}`` in a method → ``a = []`` in the class body, shared by every instance and call."""
    if not isinstance(node, ast.ClassDef):
        return
    for m, method in enumerate(s for s in node.body if isinstance(s, ast.FunctionDef)):
        for s, stmt in enumerate(method.body):
            if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Attribute)
                    and isinstance(stmt.targets[0].value, ast.Name) and stmt.targets[0].value.id == "self"
                    and isinstance(stmt.value, (ast.List, ast.Dict))):
                def move(t, n, m=m, s=s):
                    method = [x for x in n.body if isinstance(x, ast.FunctionDef)][m]
                    stmt = method.body[s]
                    attr, value = stmt.targets[0].attr, stmt.value
                    empty = ast.List([], ast.Load()) if isinstance(value, ast.List) else ast.Dict([], [])
                    fill = "extend" if isinstance(value, ast.List) else "update"
                    has_items = bool(value.elts if isinstance(value, ast.List) else value.keys)
                    if has_items:  # the class's object filled in place
                        method.body[s] = ast.Expr(ast.Call(ast.Attribute(stmt.targets[0], fill, ast.Load()),
                                                           [value], []))
                    else:
                        del method.body[s]
                        method.body = method.body or [ast.Pass()]
                    n.body.insert(1 if _is_docstring(n.body[0]) else 0,
                                  ast.Assign([ast.Name(attr, ast.Store())], empty))
                yield "state moved to the class", move


OPERATORS = [binary_operators, comparisons, constants, axes, keywords_dropped, calls_swapped, sign_dropped,
             shorter_range, copy_dropped, in_place, statements, parameters_reordered, state_to_class]


# --------------------------------------------------------------------------- mutants

def _diff(before: str, after: str) -> tuple[str, ...]:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return tuple(line for line in lines if line[:1] in "-+" and not line.startswith(("---", "+++")))


def mutants(name: str, source: str) -> list[Mutant]:
    """Every mutant of a solution cell's ``source``, in a fixed order, one change each, distinct, compiling."""
    original = ast.parse(source)
    baseline = ast.unparse(original)
    seen, found = {baseline}, []
    start = _Tree(original)
    for position, node in enumerate(ast.walk(original)):
        for operator in OPERATORS:
            for k, (kind, _) in enumerate(operator(node, start)):
                tree = _Tree(copy.deepcopy(original))
                target = next(x for i, x in enumerate(ast.walk(tree.tree)) if i == position)
                _, edit = list(operator(target, tree))[k]
                edit(tree, target)
                changed = ast.unparse(ast.fix_missing_locations(tree.tree))
                if changed in seen:
                    continue
                seen.add(changed)
                try:
                    compile(changed, f"<mutant of {name}>", "exec")
                except SyntaxError:
                    continue
                found.append(Mutant(name, len(found) + 1, kind, changed + "\n", _diff(baseline, changed)))
    return found
