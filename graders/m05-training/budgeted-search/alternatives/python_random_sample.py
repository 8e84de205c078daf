"""A correct solution written differently: the standard library's random.Random(seed).sample
draws the configurations, nested loops build the grid, and sorted() picks the winner."""

import random


def all_configs(space):
    configs = [{}]
    for key, values in space.items():
        configs = [{**config, key: value} for config in configs for value in values]
    return configs


def best_trial(trials):
    return sorted(trials, key=lambda trial: trial["val_loss"])[0]  # sorted is stable


def search(X_train, y_train, X_val, y_val, space, budget, seed):
    configs = all_configs(space)
    chosen = random.Random(seed).sample(configs, min(budget, len(configs)))
    trials = [{"config": config,
               **train_and_evaluate(config, X_train, y_train, X_val, y_val)}  # noqa: F821
              for config in chosen]
    return {"config": best_trial(trials)["config"], "trials": trials}
