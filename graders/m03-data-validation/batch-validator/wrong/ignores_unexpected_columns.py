"""Schema rule that only looks for missing or retyped contract columns and ignores columns
the contract does not list (a renamed column is reported once, an added one not at all).

fails: example-problems, detect-schema, attribution
"""


def schema_problems(batch):
    problems, usable = [], []
    for column, spec in CONTRACT["columns"].items():  # noqa: F821
        if column not in batch.columns or column_kind(batch[column]) != spec["kind"]:  # noqa: F821
            problems.append({"rule": "schema", "column": column})
        else:
            usable.append(column)
    return problems, usable
