"""A correct solution in plain Python: loops, math.ceil, the random module and a Counter."""

import math
import random
from collections import Counter


def mean_absolute_error(y_true, y_pred):
    total = 0.0
    for t, p in zip(y_true, y_pred, strict=True):
        total += abs(float(t) - float(p))
    return total / len(y_true)


def split_sizes(n, test_fraction):
    n_test = math.ceil(n * test_fraction)
    return n - n_test, n_test


def train_test_indices(n, test_fraction, seed):
    _, n_test = split_sizes(n, test_fraction)
    test = set(random.Random(seed).sample(range(n), n_test))  # another generator, still seeded
    train = [i for i in range(n) if i not in test]
    return train, sorted(test)


def majority_baseline(y_train, n):
    counts = Counter(int(v) for v in y_train)
    top = max(counts.values())
    return [min(label for label, c in counts.items() if c == top)] * n
