"""Public checks for ab-test: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "decision-example",
        "title": "ab_decision on the worked example (B converts better)",
        "points": 1,
        "function": "ab_decision",
        "args": [200, 4000, 250, 4000],
        "kwargs": {"alpha": 0.05},
        "expected": {"p_value": 0.015255823642624351, "significant": True,
                     "lift": 0.25},
        "message": "ab_decision gives a wrong answer on the worked example",
        "hints": [
            "Check each key separately: the rates are 0.05 and 0.0625, the pooled rate is "
            "450 / 8000, and the lift is relative to A's rate.",
            "z = (0.0625 - 0.05) / sqrt(0.05625 * 0.94375 * (1/4000 + 1/4000)) = 2.426; the "
            "two-sided p-value is 2 * stats.norm.sf(2.426) = 0.0153; lift = 0.0125 / 0.05 = "
            "0.25.",
        ],
    },
    {
        "id": "decision-worse-example",
        "title": "ab_decision when B converts worse, at alpha = 0.1",
        "points": 1,
        "function": "ab_decision",
        "args": [480, 6000, 430, 6000],
        "kwargs": {"alpha": 0.1},
        "expected": {"p_value": 0.08468140425085838, "significant": True,
                     "lift": -0.10416666666666667},
        "message": "ab_decision gives a wrong answer when B is worse than A",
        "hints": [
            "A new model can be worse: the test is two-sided, so the p-value depends on |z|, "
            "and the decision uses the alpha passed in, not always 0.05.",
            "Here z is about -1.72, so p_value = 2 * stats.norm.sf(1.72) = 0.085 < 0.1: "
            "significant, with a negative lift of (0.0717 - 0.08) / 0.08 = -0.104.",
        ],
    },
    {
        "id": "sample-size-example",
        "title": "sample_size for a 5% baseline and one point of MDE",
        "points": 1,
        "function": "sample_size",
        "args": [0.05, 0.01],
        "kwargs": {"alpha": 0.05, "power": 0.8},
        "expected": 8158,
        "rtol": 0,
        "atol": 0,
        "message": "sample_size gives the wrong number of users per arm on the worked example",
        "hints": [
            "p1 = 0.05 and p2 = 0.06 (the MDE is absolute), pbar = 0.055; z_alpha uses "
            "1 - alpha / 2 (two-sided) and z_beta uses the power itself.",
            "z_alpha = 1.960 and z_beta = 0.842; the formula gives 8157.7 users per arm, "
            "rounded UP to 8158 (per arm, not in total).",
        ],
    },
]
