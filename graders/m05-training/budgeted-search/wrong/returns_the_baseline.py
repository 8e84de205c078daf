"""search that runs the trials but returns the configuration it started from: a typo
(`best_cfg` instead of `best_config`) means the chosen configuration is never updated.

fails: selects-by-val, beats-baseline
"""

import numpy as np


def search(X_train, y_train, X_val, y_val, space, budget, seed):
    configs = all_configs(space)  # noqa: F821
    order = np.random.default_rng(seed).permutation(len(configs))[:budget]
    best_config, best_loss = BASELINE, float("inf")  # noqa: F821
    trials = []
    for index in order:
        config = configs[int(index)]
        losses = train_and_evaluate(config, X_train, y_train, X_val, y_val)  # noqa: F821
        trials.append({"config": config, **losses})
        if losses["val_loss"] < best_loss:
            best_loss = losses["val_loss"]
            best_cfg = config  # noqa: F841 - the typo
    return {"config": best_config, "trials": trials}
