"""A release gate that measures a slice's size in rows instead of actual positives.

fails: gate-example, gate-random
"""


def release_gate(y_true, y_pred, slice_ids, min_recall, min_positives):
    per_slice = slice_metrics(y_true, y_pred, slice_ids)  # noqa: F821 - defined by the notebook
    judged = {k: m for k, m in per_slice.items() if m["n"] >= min_positives}
    failing = sorted(k for k, m in judged.items() if m["recall"] < min_recall)
    insufficient = sorted(k for k in per_slice if k not in judged)
    return {"passed": not failing, "failing": failing, "insufficient": insufficient}
