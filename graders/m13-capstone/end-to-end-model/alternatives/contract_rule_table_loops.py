"""The contract checked with a table of small rule functions and explicit loops over the
values, instead of pandas masks: every value is looked at once, in plain Python."""

import math
import numbers

import pandas as pd


def _is_missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _number(value):
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


RULES = {
    "min": lambda rule, v: v >= rule["min"],
    "max": lambda rule, v: v <= rule["max"],
    "allowed": lambda rule, v: v in rule["allowed"],
}


def violations(batch):
    problems = []
    for column, rule in CONTRACT.items():  # noqa: F821
        if column not in batch.columns:
            problems.append(f"missing column {column!r}")
            continue
        present = []
        n_missing = 0
        for value in batch[column].tolist():
            if _is_missing(value):
                n_missing += 1
            else:
                present.append(value)
        if n_missing:
            problems.append(f"{column}: {n_missing} missing values")
        if rule["kind"] == "category":
            bad = sorted({str(v) for v in present if str(v) not in rule["allowed"]})
            if bad:
                problems.append(f"{column}: unknown categories {bad[:5]}")
            continue
        if not all(_number(v) for v in present):
            problems.append(f"{column}: holds values that are not numbers")
            continue
        stored_as_float = n_missing == 0 and batch[column].dtype.kind == "f"
        if rule["kind"] == "int" and stored_as_float:
            problems.append(f"{column}: integers stored as {batch[column].dtype}")
        for name, test in RULES.items():
            if name in rule:
                broken = sum(1 for v in present if not test(rule, v))
                if broken:
                    problems.append(f"{column}: {broken} values break the {name!r} rule")
    return problems
