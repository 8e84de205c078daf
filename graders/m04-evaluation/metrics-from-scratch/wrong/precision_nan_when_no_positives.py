"""Precision that returns nan when nothing is predicted positive, instead of 0.0.

fails: precision-random, f1-random
"""

import math


def precision(y_true, y_pred):
    c = confusion_counts(y_true, y_pred)  # noqa: F821 - defined by the notebook
    return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else math.nan
