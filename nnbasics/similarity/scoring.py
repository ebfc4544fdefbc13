"""How much solution code each pair of students shares, per exercise, beyond the released stub.

The method is copydetect's: code is normalised (every name becomes ``V``, every string ``S``,
comments and whitespace vanish, so renaming and re-commenting change nothing), hashed as k-grams of
normalised characters, and two cells share the characters covered by their common k-grams
(``copydetect.detector.compare_files``, ``copydetect.utils.get_token_coverage``; the page marks
shared code with ``compare_files``). Three parts are ours, each for a reason measured here:

- normalisation uses Python's own tokenizer (normalise.py): copydetect's pygments lexer reads
  ``x @np.dot(...)`` as a decorator and keeps ``np`` verbatim, so respacing an answer hid a copy;
- the stub's k-grams are removed with ``np.isin``: copydetect's removal (``np.intersect1d`` with
  ``assume_unique=True`` on a list with repeats) also drops k-grams the student repeated;
- the class-wide loop: ``compare_files`` costs ~0.3 ms a pair in Python (500 students, 4
  exercises: ~3 minutes); ``shared_characters`` gives the same numbers (checked pair by pair in
  tests/test_similarity.py) for one student against the whole class in a few numpy operations,
  through an inverted index from k-gram to students: pairs sharing no k-gram are never looked at.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from copydetect.utils import get_token_coverage, hashed_kgrams

from nnbasics.similarity.normalise import normalise

K = 25  # copydetect's noise threshold: a shared run of fewer normalised characters never counts
BLOCK_CELLS = 2**22  # characters × students held at once when comparing one student with the class


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
    kgram_positions: np.ndarray  # the kept k-grams' positions in filtered_code ...
    kgram_hashes: np.ndarray  # ... and their hashes


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
                       float(get_token_coverage(hash_idx, K, len(filtered))), kept, hashes[kept])


def postings(prints: list[Fingerprint]) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """The inverted index: per student its k-grams as ids; per id, the students having it (CSR form)."""
    n = len(prints)
    values = np.concatenate([p.kgram_hashes for p in prints] + [np.zeros(0, np.int64)])
    owners = np.repeat(np.arange(n), [len(p.kgram_hashes) for p in prints])
    _, ids = np.unique(values, return_inverse=True)
    ids = ids.reshape(-1)
    entries = np.unique(ids * n + owners)  # (k-gram id, student), each once
    starts = np.searchsorted(entries // n, np.arange(ids.max(initial=-1) + 2))
    split = np.cumsum([len(p.kgram_hashes) for p in prints])[:-1]
    return np.split(ids, split), starts, entries % n


def shared_characters(prints: list[Fingerprint]) -> np.ndarray:
    """``shared[i, j]``: how many normalised characters of i's code are also in j's.

    The number ``copydetect.detector.compare_files`` gives (characters inside a k-gram the other
    cell has too), for one student against the whole class at once: students who share no
    k-gram with i are never looked at, and no pair costs a Python call.
    """
    n = len(prints)
    shared = np.zeros((n, n), dtype=np.float64)
    if not n:
        return shared
    ids_of, starts, students = postings(prints)
    for i, p in enumerate(prints):
        if not len(p.kgram_positions):
            continue
        ids = ids_of[i]
        counts = starts[ids + 1] - starts[ids]
        first = np.repeat(starts[ids] - (np.cumsum(counts) - counts), counts)
        partners = students[first + np.arange(counts.sum())]  # per kept k-gram of i, every student having it
        positions = np.repeat(p.kgram_positions, counts)
        present = np.zeros(n, dtype=bool)
        present[partners] = True
        columns = np.flatnonzero(present)  # only students sharing a k-gram with i get a column
        column_of = np.zeros(n, dtype=np.int64)
        column_of[columns] = np.arange(len(columns))
        shared[i, columns] = characters_shared(len(p.filtered_code), p.k, positions, column_of[partners],
                                               len(columns))
        shared[i, i] = 0
    return shared


def characters_shared(length: int, k: int, positions: np.ndarray, columns: np.ndarray, width: int) -> np.ndarray:
    """Per column j: characters of the cell inside a k-gram starting at some ``positions[columns == j]``."""
    chars = np.arange(length)
    window_start = np.maximum(chars - k + 1, 0)
    block = max(1, BLOCK_CELLS // max(length, 1))  # columns at a time: memory stays bounded
    result = np.zeros(width)
    for first in range(0, width, block):
        last = min(first + block, width)
        here = (columns >= first) & (columns < last)
        has = np.zeros((length, last - first), dtype=bool)  # has[position, j]: j has the k-gram there
        has[positions[here], columns[here] - first] = True
        before = np.zeros((length + 1, last - first), dtype=np.int32)
        np.cumsum(has, axis=0, out=before[1:])
        # a character is shared if a k-gram the other has starts within the k characters up to it
        result[first:last] = np.count_nonzero(before[chars + 1] - before[window_start], axis=0)
    return result


def pair_similarity(shared: np.ndarray, coverage: np.ndarray) -> np.ndarray:
    """Shared characters of both over the characters of both (0 to 1, symmetric).

    Symmetric on purpose: a fraction of the smaller side alone would call a half-done answer
    that contains one common line a full copy.
    """
    both = coverage[:, None] + coverage[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = (shared + shared.T) / both
    return np.nan_to_num(np.clip(similarity, 0.0, 1.0))
