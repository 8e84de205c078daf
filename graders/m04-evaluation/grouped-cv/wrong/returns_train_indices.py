"""Grouped folds computed correctly, but each returned array holds the training rows.

fails: group-kfold-example, group-kfold-partition, group-kfold-balance
"""

import numpy as np


def group_kfold(groups, n_splits):
    _, group_of_row, group_size = np.unique(np.asarray(groups), return_inverse=True,
                                            return_counts=True)
    fold_size = np.zeros(n_splits, dtype=int)
    fold_of_group = np.empty(len(group_size), dtype=int)
    for g in np.argsort(-group_size, kind="stable"):
        f = int(np.argmin(fold_size))
        fold_of_group[g] = f
        fold_size[f] += group_size[g]
    fold_of_row = fold_of_group[group_of_row]
    return [np.flatnonzero(fold_of_row != f) for f in range(n_splits)]
