"""More data is recommended whenever validation still rises, even for a biased model.

fails: data-example, data-random
"""

import math


def worth_more_data(train_sizes, train_scores, val_scores, target, min_gain=0.01):
    gain = (val_scores[-1] - val_scores[-2]) / math.log2(train_sizes[-1] / train_sizes[-2])
    return bool(val_scores[-1] < target and gain >= min_gain)
