"""Public checks for canary-decision: four worked scenarios, shipped to learners.

Plain data only: this file must import nothing. Latencies are in milliseconds (20 samples
per arm, to keep the examples readable; real ones hold hundreds).
"""

POLICY = {"alpha": 0.05, "min_requests": 1000, "max_p95_ratio": 1.25}
BASE_LATENCY = [82.0, 95.5, 101.2, 88.7, 120.4, 99.9, 91.3, 140.8, 86.1, 104.6,
                97.2, 93.8, 110.5, 89.4, 131.7, 92.6, 100.3, 85.2, 115.9, 96.4]
SAME_LATENCY = [90.1, 84.3, 99.0, 105.7, 93.2, 118.6, 87.9, 102.4, 95.1, 136.2,
                91.7, 98.8, 108.3, 86.5, 124.9, 94.0, 100.9, 89.2, 112.7, 97.5]
SLOW_TAIL = [88.4, 95.0, 99.7, 91.2, 104.3, 86.8, 97.9, 93.5, 101.6, 90.3,
             96.1, 89.9, 102.8, 94.7, 98.2, 87.6, 100.4, 92.8, 310.5, 402.9]
BASELINE = {"requests": 40000, "errors": 200, "latencies_ms": BASE_LATENCY}

PUBLIC_CHECKS = [
    {
        "id": "example-promote",
        "title": "a healthy canary with 1,500 requests is promoted",
        "points": 0.5,
        "function": "canary_decision",
        "args": [BASELINE, {"requests": 1500, "errors": 9, "latencies_ms": SAME_LATENCY},
                 POLICY],
        "expected": "promote",
        "message": "the canary has enough requests, a non-significant error rate "
                   "(0.6% against 0.5%) and a similar p95",
        "hints": [
            "Work through the rules in order: error test, latency guardrail, sample size.",
            "z = (0.006 - 0.005) / se with the pooled rate; its one-sided p-value is far "
            "above 0.05, the p95 ratio is below 1.25 and 1500 >= 1000: promote.",
        ],
    },
    {
        "id": "example-hold",
        "title": "a healthy canary with 400 requests is held",
        "points": 0.5,
        "function": "canary_decision",
        "args": [BASELINE, {"requests": 400, "errors": 3, "latencies_ms": SAME_LATENCY},
                 POLICY],
        "expected": "hold",
        "message": "the canary looks healthy but has served fewer than min_requests",
        "hints": [
            "Nothing is significantly wrong here. How many requests has the canary served?",
            "400 < policy['min_requests'] (1000): keep the canary at its share of traffic "
            "and decide later, 'hold'.",
        ],
    },
    {
        "id": "example-rollback",
        "title": "a canary with 2% errors against 0.5% is rolled back",
        "points": 0.5,
        "function": "canary_decision",
        "args": [BASELINE, {"requests": 1500, "errors": 30, "latencies_ms": SAME_LATENCY},
                 POLICY],
        "expected": "rollback",
        "message": "a canary with a significantly higher error rate must be rolled back",
        "hints": [
            "Compute the two error rates, the pooled rate and the z statistic.",
            "pooled = (200 + 30) / (40000 + 1500); se = sqrt(pooled * (1 - pooled) * "
            "(1/40000 + 1/1500)); z = (0.02 - 0.005) / se is about 8: the one-sided p-value "
            "is far below alpha, 'rollback'.",
        ],
    },
    {
        "id": "example-latency",
        "title": "a canary with a slow tail is rolled back",
        "points": 0.5,
        "function": "canary_decision",
        "args": [BASELINE, {"requests": 1500, "errors": 7, "latencies_ms": SLOW_TAIL},
                 POLICY],
        "expected": "rollback",
        "message": "the canary's p95 latency is above 1.25 times the baseline's",
        "hints": [
            "The canary's errors are fine and its typical request is as fast as the "
            "baseline's. Look at its slowest requests.",
            "np.percentile(SLOW_TAIL, 95) is far above 1.25 * np.percentile(BASE_LATENCY, "
            "95), although the mean is only a little higher: 'rollback'.",
        ],
    },
]
