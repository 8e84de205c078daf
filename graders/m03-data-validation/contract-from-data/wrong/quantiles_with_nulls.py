"""Deciles computed with np.quantile on the raw column: one NaN makes every quantile NaN.

fails: contract-example, quantiles
"""

import numpy as np
import pandas as pd


def infer_contract(reference, margin=0.1, batch_size=500, min_count=5):
    reference = pd.DataFrame(reference)
    columns = {}
    for name in reference.columns:
        values = reference[name]
        spec = {"max_null_rate": null_limit(values, batch_size)}  # noqa: F821
        if pd.api.types.is_numeric_dtype(values):
            low, high = numeric_bounds(values, margin)  # noqa: F821
            spec.update(kind="numeric", min=low, max=high,
                        quantiles=[float(q) for q in np.quantile(values.to_numpy(float),
                                                                 DECILES)])  # noqa: F821
        else:
            categories, frequencies = category_shares(values, min_count)  # noqa: F821
            spec.update(kind="text", categories=categories, frequencies=frequencies)
        columns[str(name)] = spec
    return {"columns": columns}
