"""Public checks for reproducible-training: worked examples of the early-stopping rule.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "stopping-example-patience",
        "title": "early_stopping_state stops after `patience` epochs without improvement",
        "points": 1,
        "function": "early_stopping_state",
        "args": [[0.9, 0.7, 0.6, 0.65, 0.62, 0.61], 3, 0.0],
        "expected": {"best_epoch": 3, "should_stop": True},
        "message": "early_stopping_state gives the wrong answer on the patience example",
        "hints": [
            "Epoch 3 (loss 0.6) is the best; epochs 4, 5 and 6 do not beat it. How many "
            "epochs without improvement does patience=3 allow before stopping?",
            "Epochs are counted from 1, so best_epoch is 3; 6 - 3 = 3 epochs without "
            "improvement, and 3 >= patience means stop: should_stop is True.",
        ],
    },
    {
        "id": "stopping-example-min-delta",
        "title": "early_stopping_state with min_delta: small gains do not count",
        "points": 1,
        "function": "early_stopping_state",
        "args": [[1.0, 0.8, 0.79, 0.78, 0.785], 3, 0.05],
        "expected": {"best_epoch": 2, "should_stop": True},
        "message": "early_stopping_state gives the wrong answer on the min_delta example",
        "hints": [
            "With min_delta=0.05 an epoch only improves when it beats the best loss by MORE "
            "than 0.05. Do 0.79 and 0.78 beat 0.8 by that much?",
            "The rule is loss < best - min_delta: 0.79 < 0.8 - 0.05 is False, so the best "
            "epoch stays 2, and 5 - 2 = 3 >= patience: stop.",
        ],
    },
    {
        "id": "stopping-example-ties",
        "title": "early_stopping_state: a loss equal to the best is not an improvement",
        "points": 1,
        "function": "early_stopping_state",
        "args": [[0.5, 0.4, 0.4, 0.45], 2, 0.0],
        "expected": {"best_epoch": 2, "should_stop": True},
        "message": "early_stopping_state gives the wrong answer when a loss ties the best",
        "hints": [
            "Epoch 3 has exactly the same loss as epoch 2. Is that an improvement?",
            "Improvement is strict (loss < best - min_delta), so best_epoch stays 2 and "
            "4 - 2 = 2 >= patience: stop.",
        ],
    },
]
