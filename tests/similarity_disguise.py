"""What a student does to hide a copy: rename every local name and parameter, drop the comments.

Shared by tests/test_similarity.py and the similarity benchmarks (threshold and speed).
"""

from __future__ import annotations

import ast
import io
import tokenize


def disguise(code: str, salt: str = "q") -> str:
    """The same program with other local names, no comments, and other spacing."""
    tree = ast.parse(code)
    defined = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.ClassDef)}
    local = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    local |= {node.arg for node in ast.walk(tree) if isinstance(node, ast.arg)}
    # graded names and `self` stay: renaming them would break the copy, not hide it
    renamed = {name: f"{salt}{i}_{name[::-1]}" for i, name in enumerate(sorted(local - defined - {"self"}))}
    tokens, previous = [], None
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.COMMENT:
            continue
        text = token.string
        if token.type == tokenize.NAME and text in renamed and previous != ".":
            text = renamed[text]
        tokens.append((token.type, text))
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            previous = token.string
    return tokenize.untokenize(tokens)
