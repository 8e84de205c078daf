"""Public checks for drift-detectors: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "psi-example",
        "title": "psi on twelve reference values, four bins and an empty bin",
        "points": 1,
        "function": "psi",
        "args": [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [5, 6, 7, 8, 9, 13]],
        "kwargs": {"bins": 4},
        "expected": 2.186278158299636,
        "rtol": 1e-9,
        "message": "psi gives the wrong value on the worked example",
        "hints": [
            "Cut the bins from the REFERENCE: np.quantile(reference, [0.25, 0.5, 0.75]) gives "
            "the edges 3.75, 6.5 and 9.25, so each bin holds 3 of the 12 reference values.",
            "The batch has shares q = 0, 1/3, 1/2, 1/6 (13 goes to the open last bin). The "
            "empty first bin becomes eps = 1e-4 before the logarithm; then sum "
            "(q - p) * ln(q / p) over the four bins, with p = 0.25 everywhere.",
        ],
    },
    {
        "id": "ks-example",
        "title": "ks_statistic on two small samples of ratings with ties",
        "points": 1,
        "function": "ks_statistic",
        "args": [[1, 1, 1, 2, 3, 3, 3, 4], [0, 1, 3, 3, 4]],
        "expected": 0.2,
        "rtol": 1e-9,
        "message": "ks_statistic gives the wrong value on the worked example",
        "hints": [
            "Evaluate both empirical CDFs (share of values <= x) at x = 0, 1, 2, 3, 4 and take "
            "the largest ABSOLUTE difference. Here the current batch is ahead at x = 0.",
            "F_ref is 0, 3/8, 4/8, 7/8, 1 and F_cur is 1/5, 2/5, 2/5, 4/5, 1 at x = 0..4: the "
            "largest gap is 0.2 at x = 0. Counting the three reference 3s before the current "
            "3s would create a gap of 0.475 that the CDFs never have.",
        ],
    },
    {
        "id": "alert-example",
        "title": "first_alert on six batches with patience 2",
        "points": 1,
        "function": "first_alert",
        "args": [
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
            [[1, 2, 19, 20], [1, 2, 3, 20], [1, 2, 3, 4], [1, 2, 15, 16], [1, 2, 3, 4],
             [5, 6, 7, 8]],
            0.5,
        ],
        "kwargs": {"bins": 2, "patience": 2},
        "expected": 5,
        "message": "first_alert gives the wrong index on the worked example",
        "hints": [
            "Compute the PSI of each batch against the reference with bins=2 (one edge at "
            "10.5) and mark the batches whose PSI is above 0.5.",
            "Batches 2, 4 and 5 exceed the threshold. Patience 2 needs two exceeding batches "
            "IN A ROW: the run restarts at batch 3, so the alert comes at batch 5, not 4.",
        ],
    },
]
