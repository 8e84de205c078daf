"""Range rule that only looks for values below the minimum ("no negative amounts").

fails: example-problems, detect-range, attribution
"""


def value_problems(batch, column):
    spec, values = CONTRACT["columns"][column], batch[column]  # noqa: F821
    problems = []
    if values.isna().mean() > spec["max_null_rate"]:
        problems.append({"rule": "nulls", "column": column})
    present = values.dropna()
    if spec["kind"] == "numeric":
        if (present < spec["min"]).any():
            problems.append({"rule": "range", "column": column})
    elif (~present.isin(spec["categories"])).any():
        problems.append({"rule": "category", "column": column})
    return problems
