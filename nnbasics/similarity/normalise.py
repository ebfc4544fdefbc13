"""Code reduced to its shape: names → ``V``, strings → ``S``; keywords, numbers and operators kept.

Python's own tokenizer, so spacing cannot change how code is read (pygments, which copydetect
uses, lexes ``x @np.dot(w)`` as a decorator ``@np``). Code Python cannot tokenize (a cell left
half-written) falls back to copydetect's pygments-based filter, which reads anything.
"""

from __future__ import annotations

import io
import keyword
import tokenize

from copydetect.utils import filter_code

DROPPED = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
           tokenize.ENCODING, tokenize.ENDMARKER}


def normalise(code: str) -> tuple[str, list[tuple[int, int]]]:
    """The normalised code, and for each of its characters the span of raw code it stands for."""
    line_starts = [0]
    for line in io.StringIO(code):
        line_starts.append(line_starts[-1] + len(line))
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type in DROPPED:
                continue
            start = line_starts[token.start[0] - 1] + token.start[1]
            end = line_starts[token.end[0] - 1] + token.end[1]
            if token.type == tokenize.NAME and not keyword.iskeyword(token.string):
                text = "V"
            elif token.type == tokenize.STRING:
                text = "S"
            else:
                text = token.string
            out.append(text)
            spans += [(start, end)] * len(text)
    except (tokenize.TokenError, SyntaxError):
        return fallback(code)
    return "".join(out), spans


def fallback(code: str) -> tuple[str, list[tuple[int, int]]]:
    """copydetect's filter; marks then cover whole cells (its offsets are not mapped back)."""
    filtered, _ = filter_code(code, "cell.py", language="python")
    return filtered, [(0, len(code))] * len(filtered)
