"""The raw rise between the last two points is compared with min_gain, whatever the sizes.

fails: data-random
"""


def worth_more_data(train_sizes, train_scores, val_scores, target, min_gain=0.01):
    gain = val_scores[-1] - val_scores[-2]
    return bool(val_scores[-1] < target and train_scores[-1] >= target and gain >= min_gain)
