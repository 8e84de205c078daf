"""split_sizes that "rounds up" as int(n * test_fraction) + 1: right when the product has a
fractional part, one row too many when it is a whole number.

fails: sizes-random, split-partition
"""


def split_sizes(n, test_fraction):
    n_test = int(n * test_fraction) + 1
    return n - n_test, n_test
