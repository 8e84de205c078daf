"""split_sizes that truncates n * test_fraction with int(), so the test set is one row short
whenever the product is not whole. train_test_indices (which calls it) inherits the error.

fails: sizes-example, sizes-random, split-partition
"""


def split_sizes(n, test_fraction):
    n_test = int(n * test_fraction)
    return n - n_test, n_test
