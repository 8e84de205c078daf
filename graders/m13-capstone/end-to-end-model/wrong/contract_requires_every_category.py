"""Categories compared as sets in both directions: a batch in which one allowed category
does not occur (no loan for "other" this week) is reported as broken. The visible
extract is large enough to contain every category, so only the hidden clean batches
show the false alarm.

fails: contract-clean
"""

import pandas as pd


def violations(batch):
    found = []
    for column, rule in CONTRACT.items():  # noqa: F821
        if column not in batch.columns:
            found.append(f"missing column {column!r}")
            continue
        values = batch[column]
        missing = int(values.isna().sum())
        if missing:
            found.append(f"{column}: {missing} missing values")
        values = values.dropna()
        if rule["kind"] == "category":
            if set(values.astype(str)) != set(rule["allowed"]):
                found.append(f"{column}: categories differ from {rule['allowed']}")
            continue
        if not pd.api.types.is_numeric_dtype(values.dtype):
            found.append(f"{column}: expected numbers, got {values.dtype}")
            continue
        if rule["kind"] == "int" and not missing and not pd.api.types.is_integer_dtype(values.dtype):
            found.append(f"{column}: expected integers, got {values.dtype}")
        if "min" in rule and (values < rule["min"]).any():
            found.append(f"{column}: values below {rule['min']}")
        if "max" in rule and (values > rule["max"]).any():
            found.append(f"{column}: values above {rule['max']}")
        if "allowed" in rule and not values.isin(rule["allowed"]).all():
            found.append(f"{column}: values outside {rule['allowed']}")
    return found
