"""The CSV of every compared pair, for instructors who sort and filter in a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from nnbasics.similarity import ALL
from nnbasics.similarity.compare import ClassSimilarity


def spreadsheet_safe(text: str) -> str:
    """A student id a spreadsheet will not run as a formula (ids are folder names students may pick)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(result: ClassSimilarity, path: Path) -> None:
    """Every compared pair per exercise and ``all``, highest similarity first (zeros included)."""
    n = len(result.students)
    rows, columns = np.triu_indices(n, k=1)
    tables = [(e.name, e.judged, e.similarity) for e in result.exercises]
    tables.append((ALL, True, result.overall))  # the judged exercises together, or all of them if none is
    values = np.concatenate([m[rows, columns] for _, _, m in tables])
    order = np.argsort(-np.round(values, 3), kind="stable")
    ids = [spreadsheet_safe(s) for s in result.students]
    labels = [(name, "yes" if judged else "no") for name, judged, _ in tables]
    pairs = len(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["student_a", "student_b", "exercise", "similarity", "judged"])
        for k in order.tolist():
            table, pair = divmod(k, pairs)
            name, judged = labels[table]
            writer.writerow([ids[rows[pair]], ids[columns[pair]], name, f"{values[k]:.3f}", judged])
