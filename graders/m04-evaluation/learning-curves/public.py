"""Public checks for learning-curves: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "curve-example",
        "title": "learning_curve_points on ten training rows and a decision stump",
        "points": 1,
        "function": "learning_curve_points",
        "args": [
            [[3.0], [4.0], [8.0], [9.0], [10.0], [1.0], [7.0], [2.0], [6.0], [5.0]],
            [0, 0, 0, 1, 1, 0, 1, 0, 1, 1],
            [[1.5], [2.5], [3.5], [4.5], [5.5], [6.5], [7.5], [8.5]],
            [0, 1, 0, 0, 1, 1, 1, 1],
            [4, 7, 10],
            "tree",
            1,
        ],
        "expected": {"train": [1.0, 6 / 7, 0.9], "val": [0.375, 0.75, 0.875]},
        "message": "learning_curve_points gives other scores than the stated protocol on the "
                   "worked example",
        "hints": [
            "For each size n, a fresh model is fitted on the FIRST n training rows (no shuffling, "
            "no sampling). Its training score is measured on those same n rows, its validation "
            "score on all eight validation rows.",
            "With n = 4 the stump sees x = 3, 4, 8, 9 with labels 0, 0, 0, 1: it splits between "
            "8 and 9 and gets all four right (training score 1.0), but predicts 0 for every "
            "validation x up to 8.5, so 3 of 8 validation labels are right (0.375).",
        ],
    },
    {
        "id": "diagnose-example",
        "title": "diagnose on a random-forest-like curve",
        "points": 1,
        "function": "diagnose",
        "args": [[1.0, 0.99, 0.99], [0.81, 0.88, 0.93], 0.92],
        "expected": "good fit",
        "message": "diagnose gives the wrong verdict on the worked example",
        "hints": [
            "Read the curves at their right edge (the largest training size) and apply the "
            "rules in the stated order: the first rule that holds decides.",
            "At the last point the validation score 0.93 already reaches the target 0.92, so "
            "the verdict is 'good fit' - even though the gap 0.99 - 0.93 = 0.06 is larger than "
            "gap_tol. A gap is not bad in itself.",
        ],
    },
    {
        "id": "data-example",
        "title": "worth_more_data on a rising curve of a biased model",
        "points": 1,
        "function": "worth_more_data",
        "args": [[50, 100, 200], [0.9, 0.86, 0.84], [0.7, 0.76, 0.8], 0.9],
        "expected": False,
        "message": "worth_more_data gives the wrong answer on the worked example",
        "hints": [
            "The validation curve is still rising here, by 0.04 per doubling. Is that enough "
            "to reach the target? Look at the training curve.",
            "The last training score, 0.84, is below the target 0.9. The validation score will "
            "not climb above the training score, so more data cannot reach the target: the "
            "answer is False, however steep the validation curve is.",
        ],
    },
]
