"""Validates the schema by comparing the whole column list and the exact dtypes with the
reference file's: a batch with its columns in another order, an extra column, or int32
integers is rejected although it meets the contract (and the weekly job fails for nothing).

fails: passes-clean
"""

# The contract constants are defined by the notebook.
# ruff: noqa: F821

EXPECTED = {"order_value": "float64", "distance_km": "float64", "hour": "int64",
            "late": "int64"}


def validate_batch(frame):
    problems = []
    if list(frame.columns) != COLUMNS:
        return [f"schema: columns are {list(frame.columns)}, expected {COLUMNS}"]
    if len(frame) < MIN_ROWS:
        problems.append(f"volume: {len(frame)} rows")
    for column, dtype in EXPECTED.items():
        if str(frame[column].dtype) != dtype:
            problems.append(f"schema: {column} is {frame[column].dtype}, expected {dtype}")
    for column in COLUMNS:
        if frame[column].isna().any():
            problems.append(f"nulls: {column}")
    if problems:
        return problems
    if not frame["city"].isin(CITIES).all():
        problems.append("categories: unknown city")
    for column, (lo, hi) in RANGES.items():
        if ((frame[column] < lo) | (frame[column] > hi)).any():
            problems.append(f"range: {column}")
    return problems
