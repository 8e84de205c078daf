"""majority_baseline with Counter.most_common, which breaks ties by first appearance
instead of taking the smallest label.

fails: baseline-random
"""

from collections import Counter


def majority_baseline(y_train, n):
    label = Counter(list(y_train)).most_common(1)[0][0]
    return [label] * n
