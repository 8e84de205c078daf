"""train_test_indices that draws the training and the test rows in two separate samples:
each is duplicate-free, but they overlap and leave rows out.

fails: split-partition
"""

import numpy as np


def train_test_indices(n, test_fraction, seed):
    n_train, n_test = split_sizes(n, test_fraction)  # noqa: F821
    rng = np.random.default_rng(seed)
    test = sorted(rng.choice(n, size=n_test, replace=False).tolist())
    train = sorted(rng.choice(n, size=n_train, replace=False).tolist())
    return train, test
