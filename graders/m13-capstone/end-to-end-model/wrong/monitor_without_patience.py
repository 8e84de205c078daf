"""The folklore threshold of 0.1 and no patience: the first batch whose largest PSI
exceeds 0.1 raises the alert. With 200 applications a batch, sampling noise alone gets
there every few weeks: most clean streams page someone, and on shifted streams the alarm
usually comes before the shift has even started.

fails: monitor-example, monitor-quiet, monitor-shift
"""


def monitor(reference, batches, threshold=0.1, patience=1):
    for i, batch in enumerate(batches):
        if max(psi(reference[c].to_numpy(dtype=float), batch[c].to_numpy(dtype=float))  # noqa: F821
               for c in MONITORED) > threshold:  # noqa: F821
            return i
    return None
