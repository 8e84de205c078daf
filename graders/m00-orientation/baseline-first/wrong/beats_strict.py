"""beats_baseline that requires a gain strictly larger than the margin, so a gain of exactly
the margin is rejected.

fails: beats-margin
"""


def beats_baseline(model_score, baseline_score, higher_is_better, margin):
    gain = model_score - baseline_score if higher_is_better else baseline_score - model_score
    return gain > margin
