"""first_alert that compares each batch with the previous batch (a sliding reference);
only the first batch is compared with the reference.

A gradual shift never looks different from the batch before it, and after an abrupt
shift the next batch looks like its predecessor again, so runs break.

fails: alert-boundary, alert-shift, alert-false-alarms
"""


def first_alert(reference, batches, threshold, bins=10, patience=1):
    run = 0
    previous = reference
    for i, batch in enumerate(batches):
        run = run + 1 if psi(previous, batch, bins) > threshold else 0  # noqa: F821
        previous = batch
        if run >= patience:
            return i
    return None
