"""validate that fails fast: it returns as soon as it has found one problem.

Every broken batch is still flagged, but the report hides the other problems.

fails: example-problems, attribution
"""

import pandas as pd


def validate(batch):
    batch = pd.DataFrame(batch)
    problems, usable = schema_problems(batch)  # noqa: F821
    if problems:
        return {"valid": False, "problems": problems[:1]}
    level = CONTRACT["drift"]["alpha"] / len(CONTRACT["columns"])  # noqa: F821
    for column in usable:
        problems = value_problems(batch, column)  # noqa: F821
        if problems:
            return {"valid": False, "problems": problems[:1]}
        p = drift_pvalue(batch, column)  # noqa: F821
        if p is not None and p < level:
            return {"valid": False, "problems": [{"rule": "drift", "column": column}]}
    return {"valid": True, "problems": []}
