"""validate that checks only the schema: right columns, right kinds, and nothing about values.

fails: example-problems, detect-range, detect-nulls, detect-category, detect-drift, attribution
"""

import pandas as pd


def validate(batch):
    batch = pd.DataFrame(batch)
    problems, _ = schema_problems(batch)  # noqa: F821
    problems.sort(key=lambda p: (p["column"], p["rule"]))
    return {"valid": not problems, "problems": problems}
