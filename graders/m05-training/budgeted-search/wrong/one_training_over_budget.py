"""search whose loop condition is off by one (`<=` budget), so it trains budget + 1
configurations whenever the space has enough of them.

fails: budget
"""

import numpy as np


def search(X_train, y_train, X_val, y_val, space, budget, seed):
    configs = all_configs(space)  # noqa: F821
    order = np.random.default_rng(seed).permutation(len(configs))
    trials = []
    while len(trials) <= budget and len(trials) < len(configs):
        config = configs[int(order[len(trials)])]
        losses = train_and_evaluate(config, X_train, y_train, X_val, y_val)  # noqa: F821
        trials.append({"config": config, **losses})
    return {"config": best_trial(trials)["config"], "trials": trials}  # noqa: F821
