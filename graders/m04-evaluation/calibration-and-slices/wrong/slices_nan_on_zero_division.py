"""Per-slice precision and recall that become nan when their denominator is zero.

fails: slices-example, slices-random
"""

import numpy as np


def slice_metrics(y_true, y_pred, slice_ids):
    t = np.asarray(y_true, dtype=float)
    p = np.asarray(y_pred, dtype=float)
    s = np.asarray(slice_ids)
    out = {}
    for name in np.unique(s):
        rows = s == name
        tp = float(np.sum(t[rows] * p[rows]))
        with np.errstate(invalid="ignore", divide="ignore"):
            precision = np.float64(tp) / np.float64(p[rows].sum())
            recall = np.float64(tp) / np.float64(t[rows].sum())
        out[str(name)] = {"n": int(rows.sum()), "n_pos": int(t[rows].sum()),
                          "precision": precision, "recall": recall}
    return out
