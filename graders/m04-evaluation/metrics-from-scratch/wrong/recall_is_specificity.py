"""Recall computed on the negatives (specificity, TN / (TN + FP)).

fails: recall-random, f1-random
"""


def recall(y_true, y_pred):
    c = confusion_counts(y_true, y_pred)  # noqa: F821 - defined by the notebook
    return c["tn"] / (c["tn"] + c["fp"]) if c["tn"] + c["fp"] else 0.0
