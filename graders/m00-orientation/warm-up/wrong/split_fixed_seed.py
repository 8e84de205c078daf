"""train_test_indices that shuffles with a hard-coded seed and ignores its argument.

fails: split-random
"""

import numpy as np


def train_test_indices(n, test_fraction, seed):
    _, n_test = split_sizes(n, test_fraction)  # noqa: F821
    order = np.random.default_rng(42).permutation(n)
    return sorted(order[n_test:].tolist()), sorted(order[:n_test].tolist())
