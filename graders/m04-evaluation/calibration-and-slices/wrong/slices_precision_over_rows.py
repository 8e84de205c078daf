"""Per-slice 'precision' computed as true positives per row of the slice.

fails: slices-example, slices-random
"""

import numpy as np


def slice_metrics(y_true, y_pred, slice_ids):
    t = np.asarray(y_true) == 1
    p = np.asarray(y_pred) == 1
    s = np.asarray(slice_ids)
    out = {}
    for name in np.unique(s):
        rows = s == name
        tp = int(np.sum(t[rows] & p[rows]))
        actual = int(t[rows].sum())
        out[str(name)] = {"n": int(rows.sum()), "n_pos": actual,
                          "precision": tp / int(rows.sum()),
                          "recall": tp / actual if actual else 0.0}
    return out
