"""PSI without the floor on the shares: one empty bin makes it infinite.

fails: psi-numeric-example, psi-edge
"""

import numpy as np
import pandas as pd


def psi(column, values):
    values = pd.Series(values).dropna()
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
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum((actual - expected) * np.log(actual / expected)))
