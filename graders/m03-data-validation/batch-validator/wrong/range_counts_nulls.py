"""Range rule written as "not between min and max" on the raw column: NaN compares False,
so every allowed null becomes a range violation.

fails: example-clean, example-problems, clean-accepted, no-false-drift, attribution
"""


def value_problems(batch, column):
    spec, values = CONTRACT["columns"][column], batch[column]  # noqa: F821
    problems = []
    if values.isna().mean() > spec["max_null_rate"]:
        problems.append({"rule": "nulls", "column": column})
    if spec["kind"] == "numeric":
        if (~((values >= spec["min"]) & (values <= spec["max"]))).any():
            problems.append({"rule": "range", "column": column})
    elif (~values.dropna().isin(spec["categories"])).any():
        problems.append({"rule": "category", "column": column})
    return problems
