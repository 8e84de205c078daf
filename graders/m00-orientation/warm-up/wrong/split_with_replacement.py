"""train_test_indices that draws the test rows with rng.choice, whose default is
replace=True: test indices repeat and the training set is too large.

fails: split-partition
"""

import numpy as np


def train_test_indices(n, test_fraction, seed):
    _, n_test = split_sizes(n, test_fraction)  # noqa: F821
    rng = np.random.default_rng(seed)
    test = sorted(rng.choice(n, size=n_test).tolist())
    train = [i for i in range(n) if i not in set(test)]
    return train, test
