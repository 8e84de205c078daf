"""High bias is checked before high variance, so a large gap with a low training score is bias.

fails: diagnose-regimes
"""


def diagnose(train_scores, val_scores, target, gap_tol=0.05):
    train, val = float(train_scores[-1]), float(val_scores[-1])
    if val >= target:
        return "good fit"
    if train < target:
        return "high bias"
    if train - val > gap_tol:
        return "high variance"
    return "unclear"
