"""How much solution code each pair of students shares, per exercise, beyond the released stub.

The method is copydetect's: code is normalised (every name becomes ``V``, every string ``S``,
comments and whitespace vanish, so renaming and re-commenting change nothing), hashed as k-grams of
normalised characters, and two cells share the characters covered by their common k-grams
(``copydetect.detector.compare_files``, ``copydetect.utils.get_token_coverage``). Three parts are
ours, each for a reason measured here:

- normalisation uses Python's own tokenizer (normalise.py): copydetect's pygments lexer reads
  ``x @np.dot(...)`` as a decorator and keeps ``np`` verbatim, so respacing an answer hid a copy;
- the stub's k-grams are removed with ``np.isin``: copydetect's removal (``np.intersect1d`` with
  ``assume_unique=True`` on a list with repeats) also drops k-grams the student repeated;
- the class-wide loop: an inverted index from k-gram to students, so that only pairs sharing a
  k-gram are compared at all; every other pair shares nothing and scores 0 without being looked at.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from copydetect.detector import compare_files
from copydetect.utils import get_token_coverage, hashed_kgrams

from nnbasics.similarity.normalise import normalise

K = 25  # copydetect's noise threshold: a shared run of fewer normalised characters never counts


@dataclasses.dataclass
class Fingerprint:
    """One solution cell, with the attributes ``copydetect.detector.compare_files`` reads."""

    raw_code: str
    filtered_code: str
    offsets: np.ndarray  # empty: compare_files then gives slices of filtered_code, which `spans` maps
    spans: list[tuple[int, int]]  # filtered_code[i] stands for raw_code[start:end]
    hashes: set[int]
    hash_idx: dict[int, list[int]]  # k-gram hash → its positions in filtered_code
    k: int
    token_coverage: float  # normalised characters inside some kept k-gram: the code's size that counts


def kgram_hashes(code: str) -> np.ndarray:
    """Every k-gram hash of the normalised code (for a stub: everything it gave away)."""
    return np.unique(hashed_kgrams(normalise(code)[0], K).astype(np.int64))


def fingerprint(code: str, boilerplate: np.ndarray) -> Fingerprint:
    """The cell's k-grams (all of them: cells are small, so no winnowing) minus the stub's."""
    filtered, spans = normalise(code)
    hashes = hashed_kgrams(filtered, K).astype(np.int64)
    kept = np.flatnonzero(~np.isin(hashes, boilerplate))
    hash_idx: dict[int, list[int]] = {}
    for position, value in zip(kept.tolist(), hashes[kept].tolist()):
        hash_idx.setdefault(value, []).append(position)
    return Fingerprint(code, filtered, np.array([]), spans, set(hash_idx), hash_idx, K,
                       float(get_token_coverage(hash_idx, K, len(filtered))))


def shared_characters(prints: list[Fingerprint]) -> np.ndarray:
    """``shared[i, j]``: how many normalised characters of i's code are also in j's (0 if nothing shared)."""
    n = len(prints)
    postings: dict[int, list[int]] = {}
    for i, p in enumerate(prints):
        for value in p.hashes:
            postings.setdefault(value, []).append(i)
    partners_of = {value: np.array(students) for value, students in postings.items() if len(students) > 1}
    shared = np.zeros((n, n), dtype=np.float64)
    for i, p in enumerate(prints):
        lists = [partners_of[value] for value in p.hashes if value in partners_of]
        if not lists:
            continue
        partners = np.unique(np.concatenate(lists))
        for j in partners[partners > i].tolist():
            overlap, (_, j_fraction), _ = compare_files(p, prints[j])
            shared[i, j] = overlap
            shared[j, i] = j_fraction * prints[j].token_coverage
    return shared


def pair_similarity(shared: np.ndarray, coverage: np.ndarray) -> np.ndarray:
    """Shared characters of both over the characters of both (0 to 1, symmetric).

    Symmetric on purpose: a fraction of the smaller side alone would call a half-done answer
    that contains one common line a full copy.
    """
    both = coverage[:, None] + coverage[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = (shared + shared.T) / both
    return np.nan_to_num(np.clip(similarity, 0.0, 1.0))
