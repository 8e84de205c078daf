"""search that draws its configurations from numpy's global generator, never seeded from
`seed`: every call samples a different set, so a search cannot be repeated.

fails: reproducible
"""

import numpy as np


def search(X_train, y_train, X_val, y_val, space, budget, seed):
    configs = all_configs(space)  # noqa: F821
    order = np.random.permutation(len(configs))[:budget]
    trials = []
    for index in order:
        config = configs[int(index)]
        losses = train_and_evaluate(config, X_train, y_train, X_val, y_val)  # noqa: F821
        trials.append({"config": config, **losses})
    return {"config": best_trial(trials)["config"], "trials": trials}  # noqa: F821
