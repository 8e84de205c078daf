"""Public checks for calibration-and-slices: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "table-example",
        "title": "reliability_table on six predictions in 4 bins",
        "points": 1,
        "function": "reliability_table",
        "args": [[0, 1, 0, 1, 1, 1], [0.1, 0.5, 0.5, 0.6, 0.75, 1.0], 4],
        "expected": {
            "bin_lower": [0.0, 0.5, 0.75],
            "bin_upper": [0.25, 0.75, 1.0],
            "count": [1, 3, 2],
            "mean_prob": [0.1, 1.6 / 3, 0.875],
            "frac_positive": [0.0, 2 / 3, 1.0],
        },
        "message": "reliability_table gives the wrong table on the worked example",
        "hints": [
            "With 4 bins the edges are 0, 0.25, 0.5, 0.75 and 1. Which bin does 0.5 belong to, "
            "and where does 1.0 go? The bin [0.25, 0.5) is empty here: it gets no row.",
            "Bin index = floor(p * n_bins), except that 1.0 gives n_bins, which must become "
            "n_bins - 1. Expected rows: [0, 0.25) holds 0.1; [0.5, 0.75) holds 0.5, 0.5 and 0.6; "
            "[0.75, 1] holds 0.75 and 1.0.",
        ],
    },
    {
        "id": "ece-example",
        "title": "expected_calibration_error on eight predictions in 4 bins",
        "points": 1,
        "function": "expected_calibration_error",
        "args": [[0, 0, 1, 1, 0, 1, 1, 1], [0.05, 0.15, 0.2, 0.6, 0.65, 0.7, 0.9, 0.95], 4],
        "expected": 0.1,
        "message": "expected_calibration_error gives the wrong value on the worked example",
        "hints": [
            "Each non-empty bin contributes |fraction positive - mean probability|, weighted by "
            "the share of all predictions that fall in it.",
            "The bins hold 3, 0, 3 and 2 predictions; their gaps are 0.2, -, 1/60 and 0.075, so "
            "ECE = 3/8 * 0.2 + 3/8 * 1/60 + 2/8 * 0.075.",
        ],
    },
    {
        "id": "slices-example",
        "title": "slice_metrics on ten predictions in three slices",
        "points": 1,
        "function": "slice_metrics",
        "args": [
            [1, 1, 0, 0, 1, 0, 1, 1, 0, 0],
            [1, 0, 0, 1, 0, 0, 1, 1, 1, 0],
            ["web", "web", "web", "web", "app", "app", "app", "app", "app", "kiosk"],
        ],
        "expected": {
            "app": {"n": 5, "n_pos": 3, "precision": 2 / 3, "recall": 2 / 3},
            "kiosk": {"n": 1, "n_pos": 0, "precision": 0.0, "recall": 0.0},
            "web": {"n": 4, "n_pos": 2, "precision": 0.5, "recall": 0.5},
        },
        "message": "slice_metrics gives the wrong metrics on the worked example",
        "hints": [
            "Select the rows of one slice with a boolean mask (slice_ids == name) and compute "
            "the metrics on those rows only. Convert lists with np.asarray first.",
            "The kiosk slice has no predicted and no actual positives: both precision and "
            "recall are 0.0 there by convention, never nan. Keys must be plain str.",
        ],
    },
    {
        "id": "gate-example",
        "title": "release_gate on four slices, one too small to judge",
        "points": 1,
        "function": "release_gate",
        "args": [
            [1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0],
            [1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1],
            ["desktop"] * 7 + ["mobile"] * 5 + ["tablet"] * 5 + ["kiosk"] * 3,
            0.5,
            3,
        ],
        "expected": {"passed": False, "failing": ["tablet"], "insufficient": ["kiosk"]},
        "message": "release_gate gives the wrong verdict on the worked example",
        "hints": [
            "Work out recall and the number of actual positives for each slice first. The "
            "overall recall is 9/16, above the floor; the gate must still look at every slice.",
            "kiosk has only 2 positives (fewer than 3), so it is insufficient and not judged. "
            "mobile has recall exactly 0.5, which meets the floor; tablet (0.25) fails.",
        ],
    },
]
