"""More data is recommended even when the validation score already meets the target.

fails: data-random, data-boundaries
"""

import math


def worth_more_data(train_sizes, train_scores, val_scores, target, min_gain=0.01):
    gain = (val_scores[-1] - val_scores[-2]) / math.log2(train_sizes[-1] / train_sizes[-2])
    return bool(train_scores[-1] >= target and gain >= min_gain)
