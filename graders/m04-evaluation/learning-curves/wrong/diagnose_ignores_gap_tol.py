"""The gap tolerance is hard-coded to 0.05, whatever gap_tol the caller passes.

fails: diagnose-regimes, diagnose-boundaries
"""


def diagnose(train_scores, val_scores, target, gap_tol=0.05):
    train, val = float(train_scores[-1]), float(val_scores[-1])
    if val >= target:
        return "good fit"
    if train - val > 0.05:
        return "high variance"
    if train < target:
        return "high bias"
    return "unclear"
