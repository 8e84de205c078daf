"""Precision with false negatives in the denominator (that is recall).

fails: precision-example, precision-random, f1-random
"""


def precision(y_true, y_pred):
    c = confusion_counts(y_true, y_pred)  # noqa: F821 - defined by the notebook
    return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
