"""Equal numbers of groups per fold by integer division: the leftover groups are lost.

fails: group-kfold-example, group-kfold-partition, group-kfold-balance
"""

import numpy as np


def group_kfold(groups, n_splits):
    groups = np.asarray(groups)
    labels = np.unique(groups)
    per_fold = len(labels) // n_splits
    folds = []
    for f in range(n_splits):
        chosen = labels[f * per_fold:(f + 1) * per_fold]
        folds.append(np.flatnonzero(np.isin(groups, chosen)))
    return folds
