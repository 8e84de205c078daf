"""Ranges widened by the margin but never clamped at 0: a column of amounts or counts gets
a negative lower bound.

fails: contract-example, ranges
"""


def numeric_bounds(values, margin):
    present = values.dropna().to_numpy(dtype=float)
    lo, hi = float(present.min()), float(present.max())
    return lo - margin * (hi - lo), hi + margin * (hi - lo)
