"""A release gate that lets the overall recall decide: when the average clears the floor,
no slice is reported as failing.

fails: gate-example, gate-random
"""

import numpy as np


def release_gate(y_true, y_pred, slice_ids, min_recall, min_positives):
    t = np.asarray(y_true) == 1
    overall = float(np.mean(np.asarray(y_pred)[t] == 1))
    per_slice = slice_metrics(y_true, y_pred, slice_ids)  # noqa: F821 - defined by the notebook
    insufficient = sorted(k for k, m in per_slice.items() if m["n_pos"] < min_positives)
    failing = [] if overall >= min_recall else sorted(
        k for k, m in per_slice.items() if m["n_pos"] >= min_positives and m["recall"] < min_recall)
    return {"passed": not failing, "failing": failing, "insufficient": insufficient}
