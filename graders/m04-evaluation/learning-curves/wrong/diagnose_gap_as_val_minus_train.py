"""The gap taken as validation minus training score (the sign used for errors, not scores).

fails: diagnose-regimes, diagnose-boundaries
"""


def diagnose(train_scores, val_scores, target, gap_tol=0.05):
    train, val = float(train_scores[-1]), float(val_scores[-1])
    if val >= target:
        return "good fit"
    if val - train > gap_tol:
        return "high variance"
    if train < target:
        return "high bias"
    return "unclear"
