"""The lesson's first validator as it stands: when a numeric column arrives as text, the
type is reported but the range comparison still runs on the strings and raises, so the
batch crashes the training job instead of stopping it with a message.

fails: contract-example, contract-structure
"""

import pandas as pd


def violations(batch):
    found = [f"missing column {c!r}" for c in CONTRACT if c not in batch.columns]  # noqa: F821
    for column, rule in CONTRACT.items():  # noqa: F821
        if column not in batch.columns:
            continue
        values = batch[column]
        if values.isna().any():
            found.append(f"{column}: {int(values.isna().sum())} missing values")
            values = values.dropna()
        if rule["kind"] == "int" and not pd.api.types.is_integer_dtype(values):
            found.append(f"{column}: expected integers, got {values.dtype}")
        if rule["kind"] == "float" and not pd.api.types.is_numeric_dtype(values):
            found.append(f"{column}: expected numbers, got {values.dtype}")
        if "min" in rule and (values < rule["min"]).any():
            found.append(f"{column}: {int((values < rule['min']).sum())} values below {rule['min']}")
        if "max" in rule and (values > rule["max"]).any():
            found.append(f"{column}: {int((values > rule['max']).sum())} values above {rule['max']}")
        if "allowed" in rule and not values.isin(rule["allowed"]).all():
            unknown = sorted(set(values[~values.isin(rule["allowed"])].astype(str)))
            found.append(f"{column}: unexpected values {unknown[:5]}")
    return found
