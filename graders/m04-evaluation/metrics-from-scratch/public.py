"""Public checks for metrics-from-scratch: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "counts-example",
        "title": "confusion_counts on a seven-sample example",
        "points": 1,
        "function": "confusion_counts",
        "args": [[1, 0, 1, 1, 0, 0, 1], [1, 1, 0, 1, 0, 0, 0]],
        "expected": {"tp": 2, "fp": 1, "fn": 2, "tn": 2},
        "message": "confusion_counts gives the wrong counts on the worked example",
        "hints": [
            "A true positive is a sample whose label is 1 and whose prediction is 1.",
            "Compare the arrays element-wise: (y_true == 1) & (y_pred == 1) counts true positives.",
        ],
    },
    {
        "id": "precision-example",
        "title": "precision on a seven-sample example",
        "points": 1,
        "function": "precision",
        "args": [[1, 0, 1, 1, 0, 0, 1], [1, 1, 0, 1, 0, 0, 0]],
        "expected": 2 / 3,
        "message": "precision gives the wrong value on the worked example",
        "hints": [
            "Precision asks: of everything predicted positive, how much was positive?",
            "precision = TP / (TP + FP); here 2 / (2 + 1).",
        ],
    },
    {
        "id": "roc-auc-example",
        "title": "roc_auc on a five-sample example",
        "points": 1,
        "function": "roc_auc",
        "args": [[0, 0, 1, 1, 1], [0.1, 0.4, 0.35, 0.8, 0.9]],
        "expected": 5 / 6,
        "message": "roc_auc gives the wrong value on the worked example",
        "hints": [
            "ROC-AUC is the probability that a random positive scores higher than a random negative.",
            "Count, over all (positive, negative) pairs, how often the positive's score is higher; "
            "here 5 of the 6 pairs are ordered correctly.",
        ],
    },
]
