"""Margin read as "10% of the value": min * (1 - margin) and max * (1 + margin), which
shrinks the range of negative columns and ignores the spread of the data.

fails: contract-example, ranges
"""


def numeric_bounds(values, margin):
    present = values.dropna().to_numpy(dtype=float)
    lo, hi = float(present.min()), float(present.max())
    return lo * (1 - margin), hi * (1 + margin)
