"""beats_baseline that ships any improvement, however small: the margin is ignored.

fails: beats-margin
"""


def beats_baseline(model_score, baseline_score, higher_is_better, margin):
    if higher_is_better:
        return model_score > baseline_score
    return model_score < baseline_score
