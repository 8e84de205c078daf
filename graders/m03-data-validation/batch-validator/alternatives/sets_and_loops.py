"""A correct validator written differently: set arithmetic for the schema, plain loops over
the values, and the chi-square statistic computed by hand (p-value from scipy.stats.chi2)."""

import math

import pandas as pd
from scipy import stats


def _is_null(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def validate(batch):
    batch = pd.DataFrame(batch)
    columns = CONTRACT["columns"]  # noqa: F821
    found = set()
    present, expected = {str(c) for c in batch.columns}, set(columns)
    for name in present ^ expected:  # missing from the batch, or unknown to the contract
        found.add(("schema", name))
    for name in present & expected:
        numeric = pd.api.types.is_numeric_dtype(batch[name])
        if numeric != (columns[name]["kind"] == "numeric"):
            found.add(("schema", name))
    level = CONTRACT["drift"]["alpha"] / len(columns)  # noqa: F821
    for name, spec in columns.items():
        if ("schema", name) in found:
            continue
        raw = batch[name].tolist()
        values = [v for v in raw if not _is_null(v)]
        if (len(raw) - len(values)) / len(raw) > spec["max_null_rate"]:
            found.add(("nulls", name))
        if spec["kind"] == "numeric":
            if any(v < spec["min"] or v > spec["max"] for v in values):
                found.add(("range", name))
            if values:
                ref = REFERENCE[name].dropna().tolist()  # noqa: F821
                if stats.ks_2samp(values, ref).pvalue < level:
                    found.add(("drift", name))
        else:
            allowed = spec["categories"]
            if any(v not in allowed for v in values):
                found.add(("category", name))
            counts = [sum(v == c for v in values) for c in allowed]
            ref_values = [v for v in REFERENCE[name].tolist() if isinstance(v, str)]  # noqa: F821
            ref_counts = [sum(v == c for v in ref_values) for c in allowed]
            total = sum(counts)
            if total:
                exp = [total * r / sum(ref_counts) for r in ref_counts]
                statistic = sum((o - e) ** 2 / e for o, e in zip(counts, exp, strict=True))
                if stats.chi2.sf(statistic, len(allowed) - 1) < level:
                    found.add(("drift", name))
    problems = [{"rule": r, "column": c} for r, c in sorted(found, key=lambda p: (p[1], p[0]))]
    return {"valid": not problems, "problems": problems}
