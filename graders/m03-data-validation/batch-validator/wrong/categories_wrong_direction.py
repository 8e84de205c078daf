"""Category rule that compares the sets the wrong way round: it flags contract categories
missing from the batch instead of batch values missing from the contract.

fails: example-clean, example-problems, clean-accepted, detect-category, attribution
"""


def value_problems(batch, column):
    spec, values = CONTRACT["columns"][column], batch[column]  # noqa: F821
    problems = []
    if values.isna().mean() > spec["max_null_rate"]:
        problems.append({"rule": "nulls", "column": column})
    present = values.dropna()
    if spec["kind"] == "numeric":
        if ((present < spec["min"]) | (present > spec["max"])).any():
            problems.append({"rule": "range", "column": column})
    elif set(spec["categories"]) - set(present):
        problems.append({"rule": "category", "column": column})
    return problems
