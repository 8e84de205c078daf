"""Any large gap is high variance, even when the validation score already meets the target.

fails: diagnose-example, diagnose-regimes, diagnose-boundaries
"""


def diagnose(train_scores, val_scores, target, gap_tol=0.05):
    train, val = float(train_scores[-1]), float(val_scores[-1])
    if train - val > gap_tol:
        return "high variance"
    if val >= target:
        return "good fit"
    if train < target:
        return "high bias"
    return "unclear"
