"""Checks the schema, missing values and cities but never the ranges: distances that arrived
in metres, a negative order value, an hour of 24 or a label of 2 pass validation, so the run
trains on them (and reports metrics for a batch it should have stopped).

fails: flags-corrupt, rejects-broken-batch
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
        if values.isna().any():
            problems.append(f"nulls: {column}")
        if column == "city":
            if not values.dropna().isin(CITIES).all():
                problems.append("categories: unknown city")
            continue
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            problems.append(f"schema: {column} is not numeric")
        elif column in INTEGER and not pd.api.types.is_integer_dtype(values):
            problems.append(f"schema: {column} is not integer")
    return problems
