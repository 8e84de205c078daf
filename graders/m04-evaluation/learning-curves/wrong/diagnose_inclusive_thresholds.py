"""Every comparison flipped at its boundary: val > target, gap >= gap_tol, train <= target.

fails: diagnose-boundaries
"""


def diagnose(train_scores, val_scores, target, gap_tol=0.05):
    train, val = float(train_scores[-1]), float(val_scores[-1])
    if val > target:
        return "good fit"
    if train - val >= gap_tol:
        return "high variance"
    if train <= target:
        return "high bias"
    return "unclear"
