"""Stratification over rows: every fold gets the right share of positive rows, but the
visits of one patient are spread over several folds.

fails: stratified-example, stratified-partition, stratified-balance
"""

import numpy as np


def stratified_group_kfold(y, groups, n_splits, seed):
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    fold_of_row = np.empty(len(y), dtype=int)
    for label in (0, 1):
        rows = rng.permutation(np.flatnonzero(y == label))
        fold_of_row[rows] = np.arange(len(rows)) % n_splits
    folds = [np.flatnonzero(fold_of_row == f) for f in range(n_splits)]
    return sorted(folds, key=lambda fold: fold[0])
