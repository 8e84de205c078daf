"""Stratified folds that ignore the labels: size-balanced grouped folds only.

fails: stratified-example, stratified-balance
"""

import numpy as np


def stratified_group_kfold(y, groups, n_splits, seed):
    _, group_of_row, group_size = np.unique(np.asarray(groups), return_inverse=True,
                                            return_counts=True)
    fold_size = np.zeros(n_splits, dtype=int)
    fold_of_group = np.empty(len(group_size), dtype=int)
    for g in np.argsort(-group_size, kind="stable"):
        f = int(np.argmin(fold_size))
        fold_of_group[g] = f
        fold_size[f] += group_size[g]
    fold_of_row = fold_of_group[group_of_row]
    folds = [np.flatnonzero(fold_of_row == f) for f in range(n_splits)]
    return sorted(folds, key=lambda fold: fold[0])
