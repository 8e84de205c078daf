"""PSI averaged over the monitored features instead of the largest one: a shift in one or
two features is diluted by the three that did not move, and the alert rarely comes.

fails: monitor-example, monitor-shift
"""

import numpy as np


def monitor(reference, batches, threshold=0.2, patience=2):
    above = 0
    for i, batch in enumerate(batches):
        mean = np.mean([psi(reference[c].to_numpy(dtype=float), batch[c].to_numpy(dtype=float))  # noqa: F821
                        for c in MONITORED])  # noqa: F821
        above = above + 1 if mean > threshold else 0
        if above >= patience:
            return i
    return None
