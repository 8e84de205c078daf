"""beats_baseline that compares the size of the difference, abs(model - baseline), with the
margin: a model far worse than the baseline "beats" it.

fails: beats-direction
"""


def beats_baseline(model_score, baseline_score, higher_is_better, margin):
    return abs(model_score - baseline_score) >= margin
