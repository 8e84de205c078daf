"""Null rule that flags a column as soon as it holds one null, whatever max_null_rate allows.

fails: example-clean, clean-accepted, no-false-drift, attribution
"""


def value_problems(batch, column):
    spec, values = CONTRACT["columns"][column], batch[column]  # noqa: F821
    problems = []
    if values.isna().any():
        problems.append({"rule": "nulls", "column": column})
    present = values.dropna()
    if spec["kind"] == "numeric":
        if ((present < spec["min"]) | (present > spec["max"])).any():
            problems.append({"rule": "range", "column": column})
    elif (~present.isin(spec["categories"])).any():
        problems.append({"rule": "category", "column": column})
    return problems
