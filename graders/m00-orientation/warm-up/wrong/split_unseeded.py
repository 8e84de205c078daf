"""train_test_indices that shuffles with a fresh, unseeded generator: a valid random split,
but a different one on every call.

fails: split-reproducible
"""

import numpy as np


def train_test_indices(n, test_fraction, seed):
    _, n_test = split_sizes(n, test_fraction)  # noqa: F821
    order = np.random.default_rng().permutation(n)
    return sorted(order[n_test:].tolist()), sorted(order[:n_test].tolist())
