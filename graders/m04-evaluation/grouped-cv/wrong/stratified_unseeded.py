"""The right greedy, but the groups are shuffled by an unseeded generator: every call
gives other folds, so results cannot be reproduced.

fails: stratified-partition
"""

import numpy as np


def stratified_group_kfold(y, groups, n_splits, seed):
    y = np.asarray(y)
    _, group_of_row = np.unique(np.asarray(groups), return_inverse=True)
    n_groups = group_of_row.max() + 1
    pos = np.bincount(group_of_row, weights=(y == 1), minlength=n_groups)
    neg = np.bincount(group_of_row, weights=(y != 1), minlength=n_groups)
    order = np.random.default_rng().permutation(n_groups)  # seed ignored
    order = order[np.argsort(-(pos + neg)[order], kind="stable")]
    fold_pos = np.zeros(n_splits)
    fold_neg = np.zeros(n_splits)
    fold_of_group = np.empty(n_groups, dtype=int)
    for g in order:
        cost = pos[g] * fold_pos + neg[g] * fold_neg
        f = min(range(n_splits), key=lambda i: (cost[i], fold_pos[i] + fold_neg[i], i))
        fold_of_group[g] = f
        fold_pos[f] += pos[g]
        fold_neg[f] += neg[g]
    fold_of_row = fold_of_group[group_of_row]
    folds = [np.flatnonzero(fold_of_row == f) for f in range(n_splits)]
    return sorted(folds, key=lambda fold: fold[0])
