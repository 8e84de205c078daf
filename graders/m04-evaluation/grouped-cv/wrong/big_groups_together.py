"""Groups sorted by size and cut into consecutive chunks: the big ones share a fold.

fails: group-kfold-example, group-kfold-balance
"""

import numpy as np


def group_kfold(groups, n_splits):
    groups = np.asarray(groups)
    labels, counts = np.unique(groups, return_counts=True)
    by_size = labels[np.argsort(-counts, kind="stable")]
    folds = [np.flatnonzero(np.isin(groups, chunk))
             for chunk in np.array_split(by_size, n_splits)]
    return sorted(folds, key=lambda fold: fold[0])
