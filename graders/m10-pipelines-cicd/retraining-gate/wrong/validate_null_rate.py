"""Tolerates "a few" missing values: a column is flagged only when more than 1% of it is
missing. The contract allows none; a single order without a city is a broken batch.

fails: flags-corrupt
"""

# The contract constants are defined by the notebook.
# ruff: noqa: F821

import pandas as pd


def validate_batch(frame):
    problems = []
    if len(frame) < MIN_ROWS:
        problems.append(f"volume: {len(frame)} rows")
    for column in COLUMNS:
        if column not in frame.columns:
            problems.append(f"schema: {column} is missing")
            continue
        values = frame[column]
        if values.isna().mean() > 0.01:
            problems.append(f"nulls: {column}")
        present = values.dropna()
        if column == "city":
            if not present.isin(CITIES).all():
                problems.append("categories: unknown city")
            continue
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            problems.append(f"schema: {column} is not numeric")
            continue
        if column in INTEGER and not pd.api.types.is_integer_dtype(values):
            problems.append(f"schema: {column} is not integer")
        lo, hi = RANGES[column]
        if ((present < lo) | (present > hi)).any():
            problems.append(f"range: {column}")
    return problems
