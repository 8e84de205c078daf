"""A correct solution in pandas idioms: Series.quantile, value_counts(normalize=True) and
pd.cut (right-closed bins) instead of numpy arrays and searchsorted."""

import numpy as np
import pandas as pd


def infer_contract(reference, margin=0.1, batch_size=500, min_count=5):
    reference = pd.DataFrame(reference)
    contract = {}
    for name, col in reference.items():
        rate = col.isna().mean()
        spec = {"max_null_rate": float(min(1.0, rate + 3 * np.sqrt(rate * (1 - rate) / batch_size)))}
        present = col.dropna()
        if pd.api.types.is_numeric_dtype(col):
            present = present.astype(float)
            span = present.max() - present.min()
            low = present.min() - margin * span
            if present.min() >= 0:
                low = max(low, 0.0)
            spec |= {"kind": "numeric", "min": float(low),
                     "max": float(present.max() + margin * span),
                     "quantiles": present.quantile([i / 10 for i in range(1, 10)]).tolist()}
        else:
            counts = present.value_counts()
            counts = counts[counts >= min_count].sort_index()
            shares = counts / counts.sum()
            spec |= {"kind": "text", "categories": [str(c) for c in shares.index],
                     "frequencies": {str(c): float(s) for c, s in shares.items()}}
        contract[str(name)] = spec
    return {"columns": contract}


def psi(column, values):
    values = pd.Series(values).dropna()
    if column["kind"] == "numeric":
        bins = pd.cut(values.astype(float), [-np.inf, *column["quantiles"], np.inf],
                      right=True, labels=False, duplicates="drop")
        actual = bins.value_counts(normalize=True).reindex(range(10), fill_value=0.0)
        expected = pd.Series(0.1, index=range(10))
    else:
        known = values[values.isin(column["categories"])]
        actual = known.value_counts(normalize=True).reindex(column["categories"], fill_value=0.0)
        expected = pd.Series(column["frequencies"]).reindex(column["categories"])
    a, e = actual.clip(lower=1e-4), expected.clip(lower=1e-4)
    return float(((a - e) * np.log(a / e)).sum())
