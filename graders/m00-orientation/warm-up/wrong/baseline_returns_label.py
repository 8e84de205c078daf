"""majority_baseline that returns the majority label itself instead of n predictions.

fails: baseline-example, baseline-random
"""

import numpy as np


def majority_baseline(y_train, n):
    labels, counts = np.unique(np.asarray(y_train), return_counts=True)
    return labels[int(np.argmax(counts))].item()
