"""A correct solution in plain Python: quantiles by linear interpolation, bisect for the
bins, a merge over distinct values for KS, no numpy."""

import math
from bisect import bisect_right


def _quantile(sorted_values, q):
    position = q * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    a, b = sorted_values[low], sorted_values[high]
    return a + (b - a) * (position - low)


def _shares(values, edges, bins):
    counts = [0] * bins
    for x in values:
        counts[bisect_right(edges, x)] += 1  # number of edges <= x
    return [c / len(values) for c in counts]


def psi(reference, current, bins=10, eps=1e-4):
    ref = sorted(float(x) for x in reference)
    edges = [_quantile(ref, k / bins) for k in range(1, bins)]
    total = 0.0
    cur = [float(x) for x in current]
    for p, q in zip(_shares(ref, edges, bins), _shares(cur, edges, bins), strict=True):
        p = eps if p == 0 else p
        q = eps if q == 0 else q
        total += (q - p) * math.log(q / p)
    return total


def ks_statistic(reference, current):
    ref = sorted(float(x) for x in reference)
    cur = sorted(float(x) for x in current)
    best = 0.0
    for x in sorted(set(ref) | set(cur)):  # evaluate after all copies of x are counted
        gap = abs(bisect_right(ref, x) / len(ref) - bisect_right(cur, x) / len(cur))
        best = max(best, gap)
    return best


def first_alert(reference, batches, threshold, bins=10, patience=1):
    run = 0
    for i, batch in enumerate(batches):
        run = run + 1 if psi(reference, batch, bins) > threshold else 0
        if run == patience:
            return i
    return None
