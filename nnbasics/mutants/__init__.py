"""`nnbasics mutants`: the graders' strength, measured by grading wrong answers made from the reference.

- ``generate``: mutants of each solution cell (one small change each);
- ``equivalence``: mutants the contract battery's inputs cannot tell from the reference;
- ``grade``: the rest graded through ``nnbasics autograde`` in a scratch class;
- ``report``: caught / non-equivalent per exercise, survivors as diffs (the command).
"""
