"""Ranges copied from the reference: min and max are the observed extremes, no margin.

The next batch with a slightly larger value raises an alarm.

fails: contract-example, ranges
"""


def numeric_bounds(values, margin):
    present = values.dropna()
    return float(present.min()), float(present.max())
