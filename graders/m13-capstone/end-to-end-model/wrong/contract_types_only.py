"""A contract that checks only the loud failures: missing columns, missing values and
types. Negative incomes, a 48-month term and the purpose "Car" all have the right type,
so they pass.

fails: contract-example, contract-values
"""

import pandas as pd


def violations(batch):
    found = []
    for column, rule in CONTRACT.items():  # noqa: F821
        if column not in batch.columns:
            found.append(f"missing column {column!r}")
            continue
        values = batch[column]
        if values.isna().any():
            found.append(f"{column}: {int(values.isna().sum())} missing values")
        values = values.dropna()
        if rule["kind"] == "category":
            continue
        if not pd.api.types.is_numeric_dtype(values.dtype):
            found.append(f"{column}: expected numbers, got {values.dtype}")
        elif rule["kind"] == "int" and not pd.api.types.is_integer_dtype(values.dtype) \
                and not batch[column].isna().any():
            found.append(f"{column}: expected integers, got {values.dtype}")
    return found
