"""A correct solution with the standard library: statistics.quantiles (its "inclusive"
method is numpy's linear interpolation), collections.Counter and bisect for the bins."""

import bisect
import math
import statistics
from collections import Counter

import pandas as pd


def _missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v))


def infer_contract(reference, margin=0.1, batch_size=500, min_count=5):
    reference = pd.DataFrame(reference)
    out = {}
    for name in reference.columns:
        raw = reference[name].tolist()
        present = [v for v in raw if not _missing(v)]
        rate = (len(raw) - len(present)) / len(raw)
        spec = {"max_null_rate": min(1.0, rate + 3 * math.sqrt(rate * (1 - rate) / batch_size))}
        if pd.api.types.is_numeric_dtype(reference[name]):
            present = [float(v) for v in present]
            lo, hi = min(present), max(present)
            low = lo - margin * (hi - lo)
            spec.update(kind="numeric", min=max(low, 0.0) if lo >= 0 else low,
                        max=hi + margin * (hi - lo),
                        quantiles=statistics.quantiles(present, n=10, method="inclusive"))
        else:
            counts = Counter(present)
            kept = sorted(c for c, k in counts.items() if k >= min_count)
            total = sum(counts[c] for c in kept)
            spec.update(kind="text", categories=kept,
                        frequencies={c: counts[c] / total for c in kept})
        out[str(name)] = spec
    return {"columns": out}


def psi(column, values):
    present = [v for v in list(values) if not _missing(v)]
    if column["kind"] == "numeric":
        edges = [float(q) for q in column["quantiles"]]
        counts = Counter(bisect.bisect_left(edges, float(v)) for v in present)
        total = len(present)
        pairs = [(counts[i] / total, 1 / (len(edges) + 1)) for i in range(len(edges) + 1)]
    else:
        counts = Counter(v for v in present if v in column["frequencies"])
        total = sum(counts.values())
        pairs = [(counts[c] / total, column["frequencies"][c]) for c in column["categories"]]
    score = 0.0
    for a, e in pairs:
        a, e = max(a, 1e-4), max(e, 1e-4)
        score += (a - e) * math.log(a / e)
    return score
