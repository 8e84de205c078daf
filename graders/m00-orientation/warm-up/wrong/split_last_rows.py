"""train_test_indices that cuts without shuffling: the last n_test rows are the test set
(on data sorted by time or by label, that test set is nothing like the training set).

fails: split-random
"""


def train_test_indices(n, test_fraction, seed):
    n_train, _ = split_sizes(n, test_fraction)  # noqa: F821
    return list(range(n_train)), list(range(n_train, n))
