"""The similarity page: flagged pairs, highest first, their code side by side with shared parts marked.

Student ids and code are hostile: every piece of them passes through ``html.escape``.
"""

from __future__ import annotations

import html

from copydetect.detector import compare_files

from nnbasics.similarity import ALL, MIN_SIZE, THRESHOLD
from nnbasics.similarity.compare import ClassSimilarity
from nnbasics.similarity.scoring import Fingerprint

MAX_PAIRS = 200  # the page stays readable and small; the CSV has every pair

STYLE = """
body { font-family: system-ui, "Noto Sans KR", sans-serif; margin: 2em auto; max-width: 90em; color: #222; }
.note { background: #fff8e1; border-left: 4px solid #f0ad4e; padding: 0.5em 1em; }
.pair { border: 1px solid #ddd; border-radius: 6px; padding: 0.5em 1em; margin: 1em 0; }
.scores td, .scores th { padding: 0.1em 0.8em 0.1em 0; text-align: left; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.side pre { background: #f7f7f7; padding: 0.5em; overflow-x: auto; font-size: 0.85em; margin: 0; }
mark { background: #ffd0d0; }
.high { font-weight: bold; color: #b00; }
"""


def marked(fp: Fingerprint, slices) -> str:
    """The raw code, escaped, with the normalised slices it shares wrapped in <mark>."""
    ranges: list[list[int]] = []
    if len(slices) and len(slices[0]):
        for start, end in sorted(zip(slices[0].tolist(), slices[1].tolist())):
            raw = [fp.spans[int(start)][0], fp.spans[int(end) - 1][1]]
            if ranges and raw[0] <= ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], raw[1])
            else:
                ranges.append(raw)
    out, at = [], 0
    for start, end in ranges:
        out.append(html.escape(fp.raw_code[at:start]))
        out.append(f"<mark>{html.escape(fp.raw_code[start:end])}</mark>")
        at = end
    out.append(html.escape(fp.raw_code[at:]))
    return "".join(out)


def side_by_side(a: Fingerprint, b: Fingerprint) -> str:
    _, _, (slices_a, slices_b) = compare_files(a, b)
    return f"<div class=side><pre>{marked(a, slices_a)}</pre><pre>{marked(b, slices_b)}</pre></div>"


def pair_html(result: ClassSimilarity, score: float, i: int, j: int) -> str:
    a, b = (html.escape(result.students[k]) for k in (i, j))
    rows, code = [], []
    for e in result.exercises:
        value = float(e.similarity[i, j])
        css = " class=high" if e.judged and value >= THRESHOLD else ""
        label = "" if e.judged else " (too small, not judged)"
        rows.append(f"<tr><th><code>{html.escape(e.name)}</code>{label}</th><td{css}>{value:.2f}</td></tr>")
        if e.judged and value > 0:
            code.append((value, f"<h4><code>{html.escape(e.name)}</code>: {value:.2f}</h4>"
                                f"{side_by_side(e.prints[i], e.prints[j])}"))
    overall = float(result.overall[i, j])
    rows.append(f"<tr><th>{ALL}</th><td{' class=high' if overall >= THRESHOLD else ''}>{overall:.2f}</td></tr>")
    code.sort(key=lambda c: -c[0])
    return (f"<section class=pair><h3><code>{a}</code> ↔ <code>{b}</code>: {score:.2f}</h3>"
            f"<table class=scores><tr><th>left: <code>{a}</code></th><th>right: <code>{b}</code></th></tr>"
            f"{''.join(rows)}</table>{''.join(c for _, c in code)}</section>")


def render(result: ClassSimilarity) -> str:
    a = html.escape(result.assignment)
    flagged = result.flagged()
    judged = [e for e in result.exercises if e.judged]
    small = [e for e in result.exercises if not e.judged]
    small_text = ", ".join(f"<code>{html.escape(e.name)}</code> ({e.size:.0f})" for e in small)
    not_compared = "".join(f"<li><code>{html.escape(s)}</code>: {html.escape(why)}</li>"
                           for s, why in sorted(result.not_compared.items()))
    pairs = "".join(pair_html(result, *p) for p in flagged[:MAX_PAIRS])
    more = (f"<p>{len(flagged) - MAX_PAIRS} more pairs at or above {THRESHOLD} are in the CSV.</p>"
            if len(flagged) > MAX_PAIRS else "")
    return (
        f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{a}: similarity</title>"
        f"<style>{STYLE}</style></head><body><h1>{a}: similarity between submissions</h1>"
        "<p class=note><b>Similarity is a reason to look, not a verdict.</b> Short solutions converge, "
        "students follow the same textbook, and working together may have been allowed. Read the code "
        "side by side and talk to the students before concluding anything.</p>"
        f"<p>Compared: <b>{len(result.students)}</b> submissions, "
        f"{len(result.students) * (len(result.students) - 1) // 2} pairs; "
        f"pairs at or above {THRESHOLD}: <b>{len(flagged)}</b>. Every pair and exercise is in "
        f"<code>{a}-similarity.csv</code> beside this page.</p>"
        "<h2>How it is measured</h2><p>Only solution cells are compared (the cells nbgrader marks as "
        "the student's, matched by <code>grade_id</code>), with the code of the released stub removed. "
        "Code is normalised first: every name becomes the same symbol, strings too, comments and spacing "
        "are dropped, so renaming variables and removing comments do not hide a copy. Two cells share the "
        "runs of at least 25 normalised characters found in both (copydetect's k-gram fingerprints); "
        "similarity = shared characters of both ÷ all characters of both, from 0 to 1.</p>"
        f"<p><b>Threshold {THRESHOLD}</b>, measured on this course: independently written correct answers "
        "(the reference solution against the catalogue's other correct answers, every exercise) "
        "reached at most 0.52, and copies with every local name renamed and the comments removed "
        "scored 1.00; the threshold sits between them. A pair is shown when one judged exercise, or "
        f"<code>{ALL}</code> (the judged exercises together), reaches it.</p>"
        f"<p><b>Judged exercises</b> (reference solution of at least {MIN_SIZE} normalised characters beyond "
        "the stub): " + (", ".join(f"<code>{html.escape(e.name)}</code> ({e.size:.0f})" for e in judged)
                         or "none, so <code>all</code> covers every exercise") + ". "
        + (f"<b>Not judged</b>, too small to tell copying from convergence: {small_text}; their "
           "similarities are in the CSV (column <code>judged</code> = no)." if small else "") + "</p>"
        f"<h2>Pairs at or above {THRESHOLD}, highest first</h2>"
        + (pairs or "<p>No pair reaches the threshold.</p>") + more
        + "<h2>Not compared</h2>"
        + (f"<ul>{not_compared}</ul>" if not_compared else "<p>Every submitted notebook was compared.</p>")
        + "</body></html>\n")
