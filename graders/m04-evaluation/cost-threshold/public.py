"""Public checks for cost-threshold: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "cost-example",
        "title": "expected_cost on a ten-sample example",
        "points": 1,
        "function": "expected_cost",
        "args": [[0, 1, 0, 1, 0, 1, 1, 0, 0, 1],
                 [0.2, 0.6, 0.6, 0.9, 0.45, 0.3, 0.55, 0.5, 0.1, 0.6],
                 0.6, 1.0, 5.0],
        "expected": 1.1,
        "message": "expected_cost gives the wrong value on the worked example",
        "hints": [
            "Turn the scores into decisions first: a sample is predicted positive when its score "
            "is greater than OR EQUAL to the threshold (three of the scores equal 0.6 here).",
            "Here 1 negative is flagged (FP = 1) and 2 positives are missed (FN = 2), so the "
            "cost is (1.0 * 1 + 5.0 * 2) / 10 samples = 1.1.",
        ],
    },
    {
        "id": "best-example",
        "title": "best_threshold on an eight-sample example with a tie",
        "points": 1,
        "function": "best_threshold",
        "args": [[0, 1, 0, 1, 0, 0, 1, 0],
                 [0.6, 0.9, 0.4, 0.7, 0.8, 0.5, 0.4, 0.6],
                 1.0, 4.0],
        "expected": 0.7,
        "message": "best_threshold does not return the largest cost-minimising threshold on the "
                   "worked example",
        "hints": [
            "Write down every candidate (0.4, 0.5, 0.6, 0.7, 0.8, 0.9 and inf) and its expected "
            "cost with cost_fp=1 and cost_fn=4: two candidates share the lowest cost.",
            "Thresholds 0.4 and 0.7 both cost 0.625 per sample; the convention is to return the "
            "LARGEST threshold among those with the minimum cost, so 0.7.",
        ],
    },
    {
        "id": "recall-example",
        "title": "threshold_for_recall on an eight-sample example",
        "points": 1,
        "function": "threshold_for_recall",
        "args": [[1, 0, 1, 1, 0, 1, 0, 0],
                 [0.9, 0.8, 0.7, 0.6, 0.55, 0.3, 0.2, 0.1],
                 0.75],
        "expected": 0.6,
        "message": "threshold_for_recall gives the wrong threshold on the worked example",
        "hints": [
            "There are 4 positives, so a recall of at least 0.75 means catching at least 3 of "
            "them; a recall of exactly 0.75 is enough.",
            "The positives score 0.9, 0.7, 0.6 and 0.3. With threshold 0.6 (score >= 0.6 is "
            "positive) three are caught; any larger threshold catches at most two.",
        ],
    },
]
