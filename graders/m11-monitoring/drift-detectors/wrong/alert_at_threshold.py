"""first_alert that counts a batch as exceeding when PSI >= threshold.

fails: alert-boundary
"""


def first_alert(reference, batches, threshold, bins=10, patience=1):
    run = 0
    for i, batch in enumerate(batches):
        run = run + 1 if psi(reference, batch, bins) >= threshold else 0  # noqa: F821
        if run >= patience:
            return i
    return None
