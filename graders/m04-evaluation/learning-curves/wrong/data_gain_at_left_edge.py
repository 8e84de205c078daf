"""The slope is measured between the first two points instead of the last two.

fails: data-random
"""

import math


def worth_more_data(train_sizes, train_scores, val_scores, target, min_gain=0.01):
    gain = (val_scores[1] - val_scores[0]) / math.log2(train_sizes[1] / train_sizes[0])
    return bool(val_scores[-1] < target and train_scores[-1] >= target and gain >= min_gain)
