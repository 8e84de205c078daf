"""Range rule with strict inequalities: a value equal to min or max counts as out of range.

Discounts of exactly 0.0 or 0.5 and orders of exactly 1 item are common and allowed.

fails: example-clean, example-problems, clean-accepted, no-false-drift, attribution
"""


def value_problems(batch, column):
    spec, values = CONTRACT["columns"][column], batch[column]  # noqa: F821
    problems = []
    if values.isna().mean() > spec["max_null_rate"]:
        problems.append({"rule": "nulls", "column": column})
    present = values.dropna()
    if spec["kind"] == "numeric":
        if not ((present > spec["min"]) & (present < spec["max"])).all():
            problems.append({"rule": "range", "column": column})
    elif (~present.isin(spec["categories"])).any():
        problems.append({"rule": "category", "column": column})
    return problems
