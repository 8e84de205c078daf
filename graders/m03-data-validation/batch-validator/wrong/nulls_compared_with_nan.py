"""Null rule that counts nulls with `values == np.nan`, which is never True: no null is
ever found.

fails: example-problems, detect-nulls, attribution
"""

import numpy as np


def value_problems(batch, column):
    spec, values = CONTRACT["columns"][column], batch[column]  # noqa: F821
    problems = []
    if ((values == np.nan) | (values == None)).mean() > spec["max_null_rate"]:  # noqa: E711
        problems.append({"rule": "nulls", "column": column})
    present = values.dropna()
    if spec["kind"] == "numeric":
        if ((present < spec["min"]) | (present > spec["max"])).any():
            problems.append({"rule": "range", "column": column})
    elif (~present.isin(spec["categories"])).any():
        problems.append({"rule": "category", "column": column})
    return problems
