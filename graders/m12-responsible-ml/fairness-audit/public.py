"""Public checks for fairness-audit: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing (float("nan") is a builtin).
"""

PUBLIC_CHECKS = [
    {
        "id": "metrics-example",
        "title": "group_metrics on twelve decisions in three groups",
        "points": 1,
        "function": "group_metrics",
        "args": [[0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0],
                 [1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0],
                 ["b", "c", "a", "b", "a", "a", "a", "b", "a", "c", "b", "a"]],
        "expected": {
            "a": {"n": 6, "selection_rate": 1 / 3, "tpr": 0.5, "fpr": 0.25},
            "b": {"n": 4, "selection_rate": 0.5, "tpr": 0.5, "fpr": 0.5},
            "c": {"n": 2, "selection_rate": 0.5, "tpr": 0.5, "fpr": float("nan")},
        },
        "message": "group_metrics gives the wrong metrics on the worked example",
        "hints": [
            "Work group by group: select the rows of one group first, then count. Group c has "
            "no actual negatives: what is its false positive rate?",
            "TPR = flagged positives / actual positives of the group; FPR = flagged negatives "
            "/ actual negatives of the group (not / all rows of the group). A rate with no "
            "denominator is float('nan'), never 0.0: group c's FPR is nan.",
        ],
    },
    {
        "id": "gaps-example",
        "title": "fairness_gaps on fifteen decisions in three groups",
        "points": 1,
        "function": "fairness_gaps",
        "args": [[0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1],
                 [1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1],
                 ["south", "south", "north", "east", "north", "north", "east", "east",
                  "south", "south", "north", "north", "north", "south", "north"]],
        "expected": {
            "demographic_parity_difference": 4 / 15,
            "equal_opportunity_difference": 1 / 6,
            "equalized_odds_difference": 5 / 12,
        },
        "message": "fairness_gaps gives the wrong gaps on the worked example",
        "hints": [
            "Each gap is the largest minus the smallest per-group value: a difference, not a "
            "ratio, and not a comparison with the overall rate. Group east has no actual "
            "positives, so its TPR is undefined and takes no part in the TPR gap.",
            "Selection rates are 3/7, 3/5 and 1/3; TPRs 2/3, 1/2 and nan; FPRs 1/4, 2/3 and 1/3. "
            "Equalized odds is the LARGER of the TPR gap and the FPR gap (not their mean).",
        ],
    },
    {
        "id": "thresholds-example",
        "title": "group_thresholds on sixteen validation rows in two groups",
        "points": 1,
        "function": "group_thresholds",
        "args": [[0.3, 0.7, 0.25, 0.9, 0.2, 0.5, 0.55, 0.15, 0.95, 0.5, 0.55, 0.15, 0.3, 0.25,
                  0.05, 0.35],
                 [0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0],
                 ["a", "a", "b", "a", "b", "a", "a", "a", "a", "b", "a", "b", "b", "b", "b",
                  "b"],
                 0.1],
        "expected": {"a": 0.7, "b": 0.3},
        "message": "group_thresholds does not return the most accurate thresholds whose TPR gap "
                   "is within max_tpr_gap on the worked example",
        "hints": [
            "Group a has 4 positives and group b has 3, so their TPRs move in steps of 1/4 and "
            "1/3. List each group's candidate thresholds with their TPR and number of correct "
            "decisions; then only combinations whose TPRs differ by at most 0.1 are allowed.",
            "Group a alone is most accurate at 0.7 (TPR 3/4). Group b's most accurate "
            "thresholds give TPR 1, 2/3 or 1/3; only 2/3 is within 0.1 of 3/4, and among b's "
            "scores, 0.3 is the only threshold that gives TPR 2/3.",
        ],
    },
]
