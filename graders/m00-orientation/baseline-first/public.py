"""Public checks for baseline-first: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "classification-example",
        "title": "baseline_scores for a four-row classification test set",
        "points": 1,
        "function": "baseline_scores",
        "args": [["cat", "dog", "dog", "bird"], ["cat", "cat", "dog", "cat"], "classification"],
        "expected": {"accuracy": 0.25},
        "message": "baseline_scores gives the wrong classification baseline on the worked "
                   "example",
        "hints": [
            "Which labels may the baseline learn from? The most frequent label differs between "
            "y_train and y_test here.",
            "The majority label of y_train is 'dog'. Predicting 'dog' for the four test rows is "
            "right once, so the accuracy is 1 / 4 = 0.25 (the answer is {'accuracy': 0.25}).",
        ],
    },
    {
        "id": "regression-example",
        "title": "baseline_scores for a two-row regression test set",
        "points": 1,
        "function": "baseline_scores",
        "args": [[1.0, 2.0, 3.0, 10.0], [2.0, 4.0], "regression"],
        "expected": {"mae": 1.0, "rmse": 2 ** 0.5},
        "message": "baseline_scores gives the wrong regression baselines on the worked example",
        "hints": [
            "Each metric has its own best constant: the median of y_train for MAE, the mean of "
            "y_train for RMSE. And RMSE is the ROOT of the mean squared error.",
            "The median of [1, 2, 3, 10] is 2.5: MAE = (|2 - 2.5| + |4 - 2.5|) / 2 = 1.0. The "
            "mean is 4: RMSE = sqrt(((2 - 4)**2 + (4 - 4)**2) / 2) = sqrt(2).",
        ],
    },
    {
        "id": "beats-example",
        "title": "beats_baseline for an accuracy well above the baseline",
        "points": 1,
        "function": "beats_baseline",
        "args": [0.80, 0.70, True, 0.05],
        "expected": True,
        "message": "beats_baseline gives the wrong decision on the worked example",
        "hints": [
            "Accuracy: higher is better. How much better than the baseline is the model, and is "
            "that at least the margin?",
            "0.80 - 0.70 = 0.10 >= 0.05, so the answer is True (a Python bool, not a string or "
            "a number).",
        ],
    },
]
