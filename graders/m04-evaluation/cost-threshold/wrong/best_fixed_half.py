"""best_threshold that ignores the data and the costs and returns the default 0.5.

fails: best-example, best-valid, best-ties, best-held-out
"""


def best_threshold(y_true, y_score, cost_fp, cost_fn):
    return 0.5
