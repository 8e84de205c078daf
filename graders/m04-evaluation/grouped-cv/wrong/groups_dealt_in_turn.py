"""Groups dealt to the folds in turn (group i to fold i mod k), whatever their sizes.

fails: group-kfold-example, group-kfold-balance
"""

import numpy as np


def group_kfold(groups, n_splits):
    _, group_of_row = np.unique(np.asarray(groups), return_inverse=True)
    fold_of_row = group_of_row % n_splits
    folds = [np.flatnonzero(fold_of_row == f) for f in range(n_splits)]
    return sorted(folds, key=lambda fold: fold[0])
