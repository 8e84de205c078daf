"""Oracle for contract-from-data. Runs only in the grader, never in a sandbox."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
FLOOR = 1e-4


def infer_column(values: pd.Series, margin: float, batch_size: int, min_count: int) -> dict:
    rate = float(values.isna().mean())
    spec: dict = {"max_null_rate": min(1.0, rate + 3 * math.sqrt(rate * (1 - rate) / batch_size))}
    present = values.dropna()
    if pd.api.types.is_numeric_dtype(values):
        v = present.to_numpy(dtype=float)
        lo, hi = float(v.min()), float(v.max())
        span = hi - lo
        low = lo - margin * span
        if lo >= 0:
            low = max(low, 0.0)
        spec.update(kind="numeric", min=low, max=hi + margin * span,
                    quantiles=[float(q) for q in np.quantile(v, DECILES)])
    else:
        counts = present.value_counts()
        kept = sorted(str(c) for c, k in counts.items() if k >= min_count)
        total = float(sum(counts[c] for c in kept))
        spec.update(kind="text", categories=kept,
                    frequencies={c: float(counts[c]) / total for c in kept})
    return spec


def infer_contract(reference, margin: float = 0.1, batch_size: int = 500,
                   min_count: int = 5) -> dict:
    reference = pd.DataFrame(reference)
    return {"columns": {str(c): infer_column(reference[c], margin, batch_size, min_count)
                        for c in reference.columns}}


def shares(column: dict, values) -> tuple[np.ndarray, np.ndarray]:
    """(actual, expected) shares per bin, before the floor."""
    values = pd.Series(values).dropna()
    if column["kind"] == "numeric":
        edges = np.asarray(column["quantiles"], dtype=float)
        bins = np.searchsorted(edges, values.to_numpy(dtype=float), side="left")
        counts = np.bincount(bins, minlength=len(edges) + 1).astype(float)
        return counts / counts.sum(), np.full(len(edges) + 1, 1.0 / (len(edges) + 1))
    cats = column["categories"]
    counts = values.value_counts()
    observed = np.array([counts.get(c, 0) for c in cats], dtype=float)
    expected = np.array([column["frequencies"][c] for c in cats], dtype=float)
    return observed / observed.sum(), expected


def psi(column: dict, values) -> float:
    actual, expected = shares(column, values)
    a, e = np.maximum(actual, FLOOR), np.maximum(expected, FLOOR)
    return float(np.sum((a - e) * np.log(a / e)))
