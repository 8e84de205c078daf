"""PSI that does not drop nulls: np.searchsorted puts NaN after every edge, so the nulls
inflate the last bin.

fails: psi-numeric-example, psi-edge
"""

import numpy as np
import pandas as pd


def psi(column, values):
    values = pd.Series(values)
    if column["kind"] == "numeric":
        edges = np.asarray(column["quantiles"], dtype=float)
        bins = np.searchsorted(edges, values.to_numpy(dtype=float), side="left")
        actual = np.bincount(bins, minlength=len(edges) + 1) / len(values)
        expected = np.full(len(edges) + 1, 1 / (len(edges) + 1))
    else:
        cats = column["categories"]
        counts = values.value_counts()
        observed = np.array([counts.get(c, 0) for c in cats], dtype=float)
        actual = observed / observed.sum()
        expected = np.array([column["frequencies"][c] for c in cats])
    a, e = np.maximum(actual, 1e-4), np.maximum(expected, 1e-4)
    return float(np.sum((a - e) * np.log(a / e)))
