"""The verdict is read at the left edge of the curves (the smallest training set).

fails: diagnose-example, diagnose-regimes
"""


def diagnose(train_scores, val_scores, target, gap_tol=0.05):
    train, val = float(train_scores[0]), float(val_scores[0])
    if val >= target:
        return "good fit"
    if train - val > gap_tol:
        return "high variance"
    if train < target:
        return "high bias"
    return "unclear"
