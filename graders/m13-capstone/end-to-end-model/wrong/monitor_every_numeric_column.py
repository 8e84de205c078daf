"""The monitor watches every numeric column of the logs, application_id included. Ids
grow with time, so later batches never look like the reference: the alert fires at the
start of every stream, shifted or not.

fails: monitor-example, monitor-quiet, monitor-shift
"""

import pandas as pd


def monitor(reference, batches, threshold=0.2, patience=2):
    columns = [c for c in reference.columns if pd.api.types.is_numeric_dtype(reference[c])]
    above = 0
    for i, batch in enumerate(batches):
        worst = max(psi(reference[c].to_numpy(dtype=float), batch[c].to_numpy(dtype=float))  # noqa: F821
                    for c in columns)
        above = above + 1 if worst > threshold else 0
        if above >= patience:
            return i
    return None
