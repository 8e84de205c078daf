"""Three verdicts only: whatever is neither variance nor bias is called a good fit.

fails: diagnose-regimes, diagnose-boundaries
"""


def diagnose(train_scores, val_scores, target, gap_tol=0.05):
    train, val = float(train_scores[-1]), float(val_scores[-1])
    if val >= target:
        return "good fit"
    if train - val > gap_tol:
        return "high variance"
    if train < target:
        return "high bias"
    return "good fit"
