"""The contract battery: generic grader tests of the rules every exercise follows.

An exercise's grader module describes the function once (``Function``: its parameters
and defaults, the input families its parameters take, what it may modify, how results
compare) and gets the rules of ``../shared/spec/EXERCISES.md`` checked against the
reference solution by inheriting ``Battery``::

    CONTRACT = Function("softmax", [Param("a")], cases=softmax_cases)

    class TestContract(Battery):
        contract = CONTRACT

or, the same, ``TestContract = battery(CONTRACT)``. The first two cases must be
ordinary inputs of one shape and dtype (the state and freshness tests use them).

The tests it adds (each one feedback line in the student's words):

- positional calls, optional arguments by keyword, and calls that leave them out (defaults);
- every input family, edges included (huge and tiny values, integer dtypes, one row);
- inputs unchanged after every family, while the result is right, and after the caller
  changes that result (a result that is an input, or a view of one);
- no state between calls: the same input again, another input between, an input array
  whose contents changed in place;
- fresh results: a returned array is neither a cache's nor overwritten by a later call.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable

import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import TOL, expect_array, expect_equal, expect_unchanged

REQUIRED = object()


@dataclasses.dataclass(frozen=True)
class Param:
    name: str
    default: object = REQUIRED

    @property
    def optional(self) -> bool:
        return self.default is not REQUIRED


@dataclasses.dataclass(frozen=True)
class Case:
    """One call: a value for every parameter (in order), and what the input is, in the student's words."""

    label: str
    args: tuple
    # False where the spec lets the result be an input itself (nothing updated with 0 steps)
    fresh: bool = True


@dataclasses.dataclass(frozen=True)
class Function:
    name: str
    params: list[Param]
    cases: Callable[[np.random.Generator], list[Case]]  # input families, edges included
    modifies: frozenset[str] = frozenset()  # parameters the function may change (its job)
    dtype: str | None = None                # "int"/"float" where the spec fixes the kind
    atol: float = TOL.close_abs
    rtol: float = TOL.close_rel
    # The reference sees integer arrays as float64: what it computes from ints (float16 from
    # np.exp of int8, wrap-around of uint8) is not the spec's answer.
    reference_on_floats: bool = False

    def positional(self, case: Case) -> tuple[tuple, dict]:
        return case.args, {}

    def mixed(self, case: Case) -> tuple[tuple, dict]:
        """Required parameters by position, optional ones by keyword."""
        required = [v for p, v in zip(self.params, case.args, strict=True) if not p.optional]
        return tuple(required), {p.name: v for p, v in zip(self.params, case.args, strict=True) if p.optional}

    def defaults(self, case: Case) -> tuple[tuple, dict]:
        """Only the required parameters: the defaults must be the spec's."""
        return tuple(v for p, v in zip(self.params, case.args, strict=True) if not p.optional), {}


def reference_result(reference, contract: Function, args: tuple, kwargs: dict):
    """What the reference returns for these arguments (on copies; integers as floats where the contract says)."""
    def prepare(value):
        if isinstance(value, np.ndarray) and contract.reference_on_floats and value.dtype.kind in "iu":
            return value.astype(np.float64)
        return _copy(value)

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return getattr(reference, contract.name)(*map(prepare, args), **{k: prepare(v) for k, v in kwargs.items()})


def _copy(value):
    if isinstance(value, np.ndarray):
        return np.copy(value)
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _passed_by_handle(value) -> bool:
    """Arguments the student's code could change in place (so they go as handles and are checked after)."""
    return isinstance(value, (np.ndarray, dict, list))


def expect_same(after, before, what: str) -> None:
    """An input, array or dict of arrays, is as it was."""
    if isinstance(before, dict):
        expect_equal(sorted(after) if isinstance(after, dict) else after, sorted(before), what=f"{what}의 키")
        for key in before:
            expect_same(after[key], before[key], f"{what}[{key!r}]")
    else:
        expect_unchanged(after, before, what=what)


def expect_like(got, expected, contract: Function, what: str) -> None:
    """``got`` matches the reference's result, whatever its kind (array, number, tuple, list, dict)."""
    if isinstance(expected, (tuple, list)) and not isinstance(expected, np.ndarray):
        kind = "tuple" if isinstance(expected, tuple) else "list"
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            expect_equal(got, expected, what=f"{what} ({kind}, 길이 {len(expected)})")
        for i, (g, e) in enumerate(zip(got, expected)):
            expect_like(g, e, contract, f"{what}[{i}]")
    elif isinstance(expected, dict):
        if not isinstance(got, dict) or sorted(got) != sorted(expected):
            expect_equal(sorted(got) if isinstance(got, dict) else got, sorted(expected), what=f"{what}의 키")
        for key in expected:
            expect_like(got[key], expected[key], contract, f"{what}[{key!r}]")
    else:
        expect_array(got, expected, what=what, dtype=contract.dtype, atol=contract.atol, rtol=contract.rtol)


def _handles(student, args: tuple) -> list:
    return [student.put(v) if _passed_by_handle(v) else v for v in args]


class Battery:
    """Grader tests of the contract's rules; a module opts in with ``class TestContract(Battery)``."""

    contract: Function

    def _call(self, student, how, case: Case):
        args, kwargs = how(case)
        return getattr(student, self.contract.name)(*args, **kwargs)

    @pytest.mark.weight(1)
    def test_contract_positional_keyword_and_default_arguments(self, student, reference, rng):
        """인자를 명세의 순서대로 위치(positional)로 받고, 선택 인자는 이름으로도 받으며 기본값은 명세대로다"""
        contract = self.contract
        # Required parameters by position only: the spec's names for them are not graded
        # (the book itself calls softmax's `x`); optional ones go by position and by keyword.
        shapes = {"모든 인자를 위치 인자로": contract.positional}
        if any(p.optional for p in contract.params):
            shapes["선택 인자를 키워드 인자로"] = contract.mixed
            shapes["기본값을 쓰도록 선택 인자를 빼고"] = contract.defaults
        for case in contract.cases(rng)[:2]:
            for words, how in shapes.items():
                args, kwargs = how(case)
                expect_like(self._call(student, how, case), reference_result(reference, contract, args, kwargs),
                            contract, f"{case.label}: {words} 부른 {contract.name}의 결과")

    @pytest.mark.weight(2)
    def test_contract_whole_input_domain(self, student, reference, rng):
        """입력의 전 범위(아주 큰 값과 작은 값, 정수 dtype, 한 행·한 열)에서 참조 구현과 같다"""
        contract = self.contract
        for case in contract.cases(rng):
            expect_like(self._call(student, contract.positional, case),
                        reference_result(reference, contract, case.args, {}), contract,
                        f"{case.label}: {contract.name}의 결과")

    @pytest.mark.weight(1)
    def test_contract_inputs_unchanged_on_every_path(self, student, reference, rng):
        """어떤 입력에서도 받은 배열을 바꾸지 않고, 돌려준 결과가 입력과 메모리를 공유하지 않는다"""
        contract = self.contract
        function = getattr(student, contract.name)
        for case in contract.cases(rng):
            handles = _handles(student, case.args)
            kept = student.keep(function, *handles)
            expect_like(student.get(kept), reference_result(reference, contract, case.args, {}), contract,
                        f"{case.label}: {contract.name}의 결과")
            checked = [(p, h, v) for p, h, v in zip(contract.params, handles, case.args, strict=True)
                       if _passed_by_handle(v) and p.name not in contract.modifies]
            for param, handle, before in checked:
                expect_same(student.get(handle), before, f"{case.label}: {contract.name}에 넘긴 {param.name}")
            if case.fresh and checked:  # the caller changes what it got back: a result that is an input shows it
                student.mutate(kept)
                for param, handle, before in checked:
                    expect_same(student.get(handle), before, f"{case.label}: 돌려받은 결과를 바꾼 뒤의 입력 "
                                                             f"{param.name} (결과가 입력이나 그 view면 안 돼요)")

    @pytest.mark.weight(1)
    def test_contract_no_state_between_calls(self, student, reference, rng):
        """같은 입력을 다시 넣어도, 사이에 다른 입력을 넣어도, 입력 배열의 값이 바뀌어도 매번 새로 계산한다"""
        contract = self.contract
        first, second = contract.cases(rng)[:2]
        for label, case in (("처음", first), ("다른 입력 다음에", second), ("다시", first)):
            expect_like(self._call(student, contract.positional, case),
                        reference_result(reference, contract, case.args, {}), contract,
                        f"{label} 부른 {contract.name}의 결과 ({case.label})")
        arrays = [i for i, (a, b) in enumerate(zip(first.args, second.args)) if isinstance(a, np.ndarray)
                  and isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype
                  and contract.params[i].name not in contract.modifies]
        if arrays:  # the same array objects, new contents: a cache keyed on identity is stale
            handles = [student.put(v) if i in arrays else v for i, v in enumerate(first.args)]
            getattr(student, contract.name)(*handles)
            changed = list(first.args)
            for i in arrays:
                student.assign(handles[i], second.args[i])
                changed[i] = second.args[i]
            expect_like(getattr(student, contract.name)(*handles),
                        reference_result(reference, contract, tuple(changed), {}), contract,
                        f"같은 배열 객체의 값을 바꾼 뒤 다시 부른 {contract.name}의 결과")

    @pytest.mark.weight(1)
    def test_contract_fresh_results(self, student, reference, rng):
        """돌려준 결과는 새 객체다: 이전 결과나 내부 캐시와 메모리를 공유하지 않는다"""
        contract = self.contract
        first, second = contract.cases(rng)[:2]
        function = getattr(student, contract.name)
        kept = student.keep(function, *first.args)
        expected_first = reference_result(reference, contract, first.args, {})
        later = student.keep(function, *second.args)
        expect_like(student.get(kept), expected_first, contract,
                    f"다음 호출 뒤에 본 첫 번째 {contract.name}의 결과 (다음 호출이 덮어쓰면 안 돼요)")
        student.mutate(kept)  # the caller changes what it got back
        expect_like(student.get(later), reference_result(reference, contract, second.args, {}), contract,
                    f"첫 번째 결과를 바꾼 뒤에 본 두 번째 {contract.name}의 결과")
        expect_like(function(*first.args), expected_first, contract,
                    f"돌려받은 결과를 바꾼 뒤 다시 부른 {contract.name}의 결과 (캐시를 돌려주면 안 돼요)")


# --------------------------------------------------------------------------- input families


def float_arrays(rng, shapes=((7,), (3, 4)), huge: bool = True) -> list[tuple[str, np.ndarray]]:
    """Ordinary float arrays, then the edges of the domain, in the student's words.

    ``huge`` (±1000 and beyond) only where the spec's row says "no overflow"; elsewhere
    large values stay where the formula's exp does not overflow (±30).
    """
    families = [(f"{len(s)}-D 실수 배열", rng.normal(scale=2, size=s)) for s in shapes]
    signs = rng.choice([-1, 1], size=(3, 4))
    families += [
        ("아주 큰 값(±1000 이상)", rng.uniform(800, 1500, size=(3, 4)) * signs) if huge
        else ("큰 값(±30)", rng.uniform(15, 30, size=(3, 4)) * signs),
        ("아주 작은 양수(1e-12 안팎)", rng.uniform(1e-14, 1e-10, size=(2, 5))),
        ("값이 되풀이되는 배열", np.repeat(rng.normal(size=3), 3).reshape(3, 3)),
        ("0 이상인 값만 있는 배열", np.abs(rng.normal(scale=2, size=(2, 4)))),
        ("한 행짜리 배치 (1, n)", rng.normal(scale=2, size=(1, 5))),
        ("한 열짜리 배치 (n, 1)", rng.normal(scale=2, size=(4, 1))),
        ("0이 들어 있는 배열", np.array([[0.0, -0.0, 1.5], [-2.0, 0.0, 3.0]])),
    ]
    return families


def integer_arrays(rng, small_types: bool = True) -> list[tuple[str, np.ndarray]]:
    """Integer arrays: int64, and (``small_types``) int8 and unsigned uint8 too."""
    signed = rng.integers(-5, 6, size=(3, 4))
    families = [("정수 배열 (int64)", signed.astype(np.int64))]
    if small_types:
        families += [("정수 배열 (int8)", signed.astype(np.int8)),
                     ("부호 없는 정수 배열 (uint8)", np.abs(signed).astype(np.uint8))]
    return families


def one_array_cases(families) -> list[Case]:
    return [Case(label, (x,)) for label, x in families]


def battery(contract: Function) -> type:
    """The battery's tests for ``contract``, as a class pytest collects: ``TestContract = battery(CONTRACT)``."""
    return type("TestContract", (Battery,), {"contract": contract})
