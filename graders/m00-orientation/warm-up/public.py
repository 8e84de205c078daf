"""Public checks for warm-up: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "mae-example",
        "title": "mean_absolute_error on a four-sample example",
        "points": 1,
        "function": "mean_absolute_error",
        "args": [[2.0, 4.0, 6.0, 8.0], [3.0, 3.0, 6.0, 10.0]],
        "expected": 1.0,
        "message": "mean_absolute_error gives the wrong value on the worked example",
        "hints": [
            "Write the four errors y_true - y_pred down by hand: one of them is positive, "
            "two are negative. Should an over-prediction and an under-prediction cancel out?",
            "Take the absolute value of each error before averaging: |2-3| + |4-3| + |6-6| + "
            "|8-10| = 1 + 1 + 0 + 2 = 4, and 4 / 4 samples = 1.0.",
        ],
    },
    {
        "id": "sizes-example",
        "title": "split_sizes when n * test_fraction is not a whole number",
        "points": 1,
        "function": "split_sizes",
        "args": [10, 0.25],
        "expected": [7, 3],
        "message": "split_sizes gives the wrong sizes for n=10, test_fraction=0.25",
        "hints": [
            "10 * 0.25 = 2.5 test rows is impossible. Which way does the convention round, "
            "and which of the two parts gets the extra row?",
            "n_test = math.ceil(n * test_fraction) (rounded UP, as scikit-learn does), so 3, "
            "and n_train = n - n_test = 7. int() and round() both give 2 here.",
        ],
    },
    {
        "id": "baseline-example",
        "title": "majority_baseline on a five-label example",
        "points": 1,
        "function": "majority_baseline",
        "args": [[1, 0, 1, 1, 2], 3],
        "expected": [1, 1, 1],
        "message": "majority_baseline gives the wrong predictions on the worked example",
        "hints": [
            "The baseline predicts the same label for every row: the label seen most often in "
            "y_train. How many predictions were asked for?",
            "Label 1 occurs three times in [1, 0, 1, 1, 2], so the answer is a list of n = 3 "
            "copies of it: [1, 1, 1] (a list, not the single label 1).",
        ],
    },
]
