"""beats_baseline that treats every metric as higher-is-better, so a lower error never
counts as an improvement and a higher one does.

fails: beats-direction, beats-margin
"""


def beats_baseline(model_score, baseline_score, higher_is_better, margin):
    return model_score - baseline_score >= margin
