"""Both comparisons with the target flipped at the boundary: train > target, val <= target.

fails: data-boundaries
"""

import math


def worth_more_data(train_sizes, train_scores, val_scores, target, min_gain=0.01):
    gain = (val_scores[-1] - val_scores[-2]) / math.log2(train_sizes[-1] / train_sizes[-2])
    return bool(val_scores[-1] <= target and train_scores[-1] > target and gain >= min_gain)
