"""first_alert that counts exceedances in total instead of in a row: the counter is never
reset, so scattered chance exceedances add up to an alarm.

fails: alert-example, alert-boundary, alert-false-alarms
"""


def first_alert(reference, batches, threshold, bins=10, patience=1):
    count = 0
    for i, batch in enumerate(batches):
        if psi(reference, batch, bins) > threshold:  # noqa: F821
            count += 1
        if count >= patience:
            return i
    return None
