"""Public checks for budgeted-search: worked examples for the two helpers.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "configs-example",
        "title": "all_configs on a two-hyperparameter space",
        "points": 1,
        "function": "all_configs",
        "args": [{"lr": [0.1, 0.01], "hidden": [8, 16, 32]}],
        "expected": [
            {"lr": 0.1, "hidden": 8}, {"lr": 0.1, "hidden": 16}, {"lr": 0.1, "hidden": 32},
            {"lr": 0.01, "hidden": 8}, {"lr": 0.01, "hidden": 16}, {"lr": 0.01, "hidden": 32},
        ],
        "message": "all_configs does not list every configuration in itertools.product order",
        "hints": [
            "There are 2 x 3 = 6 combinations. Which key varies fastest in itertools.product?",
            "keys = list(space); [dict(zip(keys, values)) for values in "
            "itertools.product(*(space[k] for k in keys))]: the last key varies fastest.",
        ],
    },
    {
        "id": "best-trial-example",
        "title": "best_trial picks by validation loss, the first on ties",
        "points": 1,
        "function": "best_trial",
        "args": [[
            {"config": {"hidden": 512}, "train_loss": 0.02, "val_loss": 0.95},
            {"config": {"hidden": 64}, "train_loss": 0.31, "val_loss": 0.42},
            {"config": {"hidden": 8}, "train_loss": 0.55, "val_loss": 0.42},
        ]],
        "expected": {"config": {"hidden": 64}, "train_loss": 0.31, "val_loss": 0.42},
        "message": "best_trial does not return the first trial with the lowest validation loss",
        "hints": [
            "The first trial has by far the lowest TRAINING loss. Is it the one you want?",
            "Compare the trials' val_loss; the second and third tie at 0.42, and the first of "
            "them (hidden=64) is the answer. Return the whole trial dict.",
        ],
    },
]
