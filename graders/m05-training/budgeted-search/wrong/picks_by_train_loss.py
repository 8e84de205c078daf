"""best_trial that picks the trial with the lowest TRAINING loss: it rewards the
configurations that memorise the noisy training labels, which do worst on new data.

fails: best-trial-example, selects-by-val, beats-baseline
"""


def best_trial(trials):
    best = None
    for trial in trials:
        if best is None or trial["train_loss"] < best["train_loss"]:
            best = trial
    return best
