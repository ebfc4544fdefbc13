"""Equivalent mutants: ones the contract battery's inputs cannot tell from the reference.

For a name whose grader module runs the battery (``TestContract.contract``, a
``Function``), the mutant and the reference are called on every ``contract.cases(rng)``
for a few seeds, positionally, with optional arguments by keyword and left out (as the
battery calls them). The mutant differs when it raises, returns something
``expect_like`` rejects (the contract's own tolerances; exact dtype kinds where the
contract fixes one), changes an input it may not change, returns a view of an input or
an array it returned before, or runs over the time or memory limit. If it never differs,
it is equivalent and not graded.

A name without a ``Function`` contract (classes, functions taking callables or networks)
is checked on the spec's domain where ``domains.py`` writes one down (the gates: the
whole truth table); otherwise its mutants all count as non-equivalent and are graded,
and the report marks their survivors "not checked", to be read by a person.

Mutants run in a forked child, with a wall-clock limit and an address-space limit: they
may loop, or allocate without end.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import io
import multiprocessing
import os
import resource
import types
import warnings
from pathlib import Path

import numpy as np

from nnbasics.grading.battery import Function, expect_like, reference_result
from nnbasics.grading.reference import load_reference

SEEDS = (0, 1, 2)
SECONDS = 20          # for all calls of one mutant (the battery's cases take milliseconds)
MEMORY = 2 << 30      # bytes of address space a mutant may add to the process's own


def grader_contract(root: Path, assignment: str, name: str) -> Function | None:
    """The battery contract of ``grader_tests/<a>/test_<name>.py``, or None when it has none."""
    path = Path(root) / "grader_tests" / assignment / f"test_{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"nnbasics_mutants_{assignment}_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    contract = getattr(getattr(module, "TestContract", None), "contract", None)
    return contract if isinstance(contract, Function) else None


def contract_for(root: Path, assignment: str, name: str) -> tuple[Function | None, str]:
    """The contract that decides equivalence, and how the report names it."""
    contract = grader_contract(root, assignment, name)
    if contract is not None:
        return contract, "checked (battery contract)"
    from nnbasics.mutants.domains import DOMAINS

    if (assignment, name) in DOMAINS:
        return DOMAINS[assignment, name], "checked (spec domain, mutants/domains.py)"
    return None, "not checked (no contract)"


def _arrays(value) -> list[np.ndarray]:
    if isinstance(value, np.ndarray):
        return [value]
    if isinstance(value, (list, tuple)):
        return [a for v in value for a in _arrays(v)]
    if isinstance(value, dict):
        return [a for v in value.values() for a in _arrays(v)]
    return []


def _same_input(after, before) -> bool:
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and after.dtype == before.dtype
                and np.array_equal(after, before, equal_nan=True))
    if isinstance(before, dict):
        return isinstance(after, dict) and sorted(after) == sorted(before) and all(
            _same_input(after[k], before[k]) for k in before)
    if isinstance(before, list):
        return isinstance(after, list) and len(after) == len(before) and all(map(_same_input, after, before))
    return True


def _aliases(result, given, earlier: list) -> set[tuple[int, int]]:
    """(result array, input or earlier result) pairs that share memory; the result joins ``earlier``."""
    results, others = _arrays(result), _arrays(given) + earlier
    found = {(i, j) for i, r in enumerate(results) for j, x in enumerate(others) if np.shares_memory(r, x)}
    earlier += results
    return found


def _own(reference, contract: Function, args: tuple, kwargs: dict):
    """The reference's result on the very arrays it is given (not copies), for its aliasing."""
    given = copy.deepcopy((args, kwargs))
    try:
        return getattr(reference, contract.name)(*given[0], **given[1]), given
    except Exception:
        return None, given


def difference(function, reference, contract: Function, seeds=SEEDS) -> str | None:
    """How ``function`` differs from the reference on the contract's inputs, or None if it never does."""
    ways = [("positional", contract.positional)]
    if any(p.optional for p in contract.params):
        ways += [("keyword", contract.mixed), ("defaults", contract.defaults)]
    earlier: tuple[list, list] = ([], [])  # results so far: the function's, the reference's
    for seed in seeds:
        for case in contract.cases(np.random.default_rng(seed)):
            for way, how in ways:
                args, kwargs = how(case)
                expected = reference_result(reference, contract, args, kwargs)
                given = copy.deepcopy((args, kwargs))
                where = f"{case.label} ({way})"
                try:
                    got = function(*given[0], **given[1])
                except Exception as error:  # the reference does not raise here (it passes its own battery)
                    return f"{where}: raises {type(error).__name__}"
                try:
                    expect_like(got, expected, contract, "result")
                except Exception:
                    return f"{where}: another result"
                passed = [(p.name, a, b) for p, a, b in zip(contract.params, given[0], args)]
                passed += [(k, given[1][k], v) for k, v in kwargs.items()]
                for param, after, before in passed:
                    if param not in contract.modifies and not _same_input(after, before):
                        return f"{where}: changes its input {param}"
                # Sharing memory with an input or an earlier result is a difference only where
                # the reference does not (with 0 epochs, train_neuron returns the caller's W).
                mine = _aliases(got, given, earlier[0])
                if not mine <= _aliases(*_own(reference, contract, args, kwargs), earlier[1]):
                    return f"{where}: returns a view of an input or of an earlier result"
    return None


def _child(connection, namespace: dict, mutant_source: str, name: str, contract: Function) -> None:
    limit = _address_space() + MEMORY
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            scope = dict(namespace)  # the notebook's other cells, as the reference has them
            exec(compile(mutant_source, f"<mutant of {name}>", "exec"), scope)
            verdict = difference(scope[name], types.SimpleNamespace(**namespace), contract)
        except BaseException as error:  # MemoryError, RecursionError, anything the cell raises
            verdict = f"raises {type(error).__name__}"
    connection.send(verdict)


def _address_space() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def check(notebook: Path, name: str, contract: Function, mutant_source: str) -> str | None:
    """Run one mutant against the reference in a child process: how it differs, or None (equivalent)."""
    namespace = vars(load_reference(notebook))
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, namespace, mutant_source, name, contract), daemon=True)
    child.start()
    send.close()
    try:
        if receive.poll(SECONDS):
            return receive.recv()
        return f"runs over {SECONDS} s"
    except EOFError:
        return "the process died (memory, or a crash)"
    finally:
        if child.is_alive():
            os.kill(child.pid, 9)
        child.join()
        receive.close()
