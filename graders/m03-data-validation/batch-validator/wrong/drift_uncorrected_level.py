"""Drift rule at the textbook level p < 0.05 for every test, without the Bonferroni
correction: with six tests, clean batches raise drift alarms far too often.

fails: no-false-drift
"""

import pandas as pd


def validate(batch):
    batch = pd.DataFrame(batch)
    problems, usable = schema_problems(batch)  # noqa: F821
    for column in usable:
        problems += value_problems(batch, column)  # noqa: F821
        p = drift_pvalue(batch, column)  # noqa: F821
        if p is not None and p < 0.05:
            problems.append({"rule": "drift", "column": column})
    problems.sort(key=lambda p: (p["column"], p["rule"]))
    return {"valid": not problems, "problems": problems}
