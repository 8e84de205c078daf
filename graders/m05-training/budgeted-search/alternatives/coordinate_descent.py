"""A correct solution with another strategy: coordinate descent from a random start.

From a configuration drawn with the seed, try every value of one hyperparameter at a time,
move to the best configuration found so far, and go round the hyperparameters until the
budget is spent or no untried neighbour is left. Results are cached, so no configuration is
trained twice; the choice is still the trial with the lowest validation loss."""

import itertools

import numpy as np


def all_configs(space):
    keys = list(space)
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*space.values())]


def best_trial(trials):
    return min(trials, key=lambda trial: trial["val_loss"])


def search(X_train, y_train, X_val, y_val, space, budget, seed):
    rng = np.random.default_rng(seed)
    keys = list(space)
    current = {key: space[key][int(rng.integers(len(space[key])))] for key in keys}
    trials, seen = [], {}

    def evaluate(config):
        token = tuple(config[key] for key in keys)
        if token not in seen and len(trials) < budget:
            losses = train_and_evaluate(config, X_train, y_train, X_val, y_val)  # noqa: F821
            trials.append({"config": dict(config), **losses})
            seen[token] = losses["val_loss"]
        return seen.get(token, float("inf"))

    evaluate(current)
    improved = True
    while improved and len(trials) < budget:
        improved = False
        for key in rng.permutation(keys):
            for value in space[str(key)]:
                evaluate({**current, str(key): value})
            best = best_trial(trials)["config"]
            if best != current:
                current, improved = dict(best), True
    return {"config": best_trial(trials)["config"], "trials": trials}
