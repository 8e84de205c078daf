"""A release gate that also fails slices with too few positives to be judged.

fails: gate-example, gate-random
"""


def release_gate(y_true, y_pred, slice_ids, min_recall, min_positives):
    per_slice = slice_metrics(y_true, y_pred, slice_ids)  # noqa: F821 - defined by the notebook
    failing = sorted(k for k, m in per_slice.items() if m["recall"] < min_recall)
    insufficient = sorted(k for k, m in per_slice.items() if m["n_pos"] < min_positives)
    return {"passed": not failing, "failing": failing, "insufficient": insufficient}
