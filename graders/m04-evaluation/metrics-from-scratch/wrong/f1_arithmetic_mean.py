"""F1 as the arithmetic mean of precision and recall.

fails: f1-random
"""


def f1(y_true, y_pred):
    return (precision(y_true, y_pred) + recall(y_true, y_pred)) / 2  # noqa: F821
