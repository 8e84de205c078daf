"""Public checks for triage: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

INCIDENT = {
    "weekly_metric": [0.842, 0.838, 0.845, 0.840, 0.843, 0.839, 0.781],
    "schema_before": {"amount": "float", "account_age_days": "int", "country": "str",
                      "device": "str"},
    "schema_after": {"amount": "float", "account_age_days": "int", "country": "str",
                     "device": "str", "promo_code": "str"},
    "null_rate_before": {"amount": 0.0, "account_age_days": 0.02, "country": 0.01,
                         "device": 0.0},
    "null_rate_after": {"amount": 0.0, "account_age_days": 0.021, "country": 0.012,
                        "device": 0.0, "promo_code": 0.7},
    "upstream_changes": [{"week": 6, "source": "payments-api", "features": ["amount"]},
                         {"week": 2, "source": "crm-export", "features": ["country"]}],
    "feature_psi": {"amount": 8.23, "account_age_days": 0.002, "country": 0.02,
                    "device": 0.01},
    "label_coverage": [0.99, 0.99, 0.98, 0.99, 0.98, 0.97, 0.95],
    "calendar": ["", "", "", "easter", "", "", ""],
}

BREAKS = {
    "weekly_metric": [0.91, 0.905, 0.912, 0.908, 0.87],
    "schema_before": {"amount": "float", "country": "str", "hour_of_day": "int",
                      "n_items": "int", "device": "str"},
    "schema_after": {"amount": "float", "country": "str", "hour_of_day": "str",
                     "device": "str", "referrer": "str"},
    "null_rate_before": {"amount": 0.01, "country": 0.3, "hour_of_day": 0.0, "n_items": 0.0,
                         "device": 0.02},
    "null_rate_after": {"amount": 0.09, "country": 0.01, "hour_of_day": 0.0, "device": 0.04,
                        "referrer": 0.5},
    "upstream_changes": [],
    "feature_psi": {"amount": 0.4, "country": 0.3, "hour_of_day": 2.5, "device": 0.01},
    "label_coverage": [1.0, 1.0, 0.99, 0.98, 0.97],
    "calendar": ["", "", "", "", ""],
}

PUBLIC_CHECKS = [
    {
        "id": "real-drop-example",
        "title": "is_real_drop on a drop just inside the noise band",
        "points": 1,
        "function": "is_real_drop",
        "args": [[0.842, 0.838, 0.845, 0.840, 0.843, 0.839, 0.8335]],
        "expected": False,
        "message": "is_real_drop gives the wrong answer on the worked example",
        "hints": [
            "The baseline is the first six weeks only. Compute its mean and its SAMPLE "
            "standard deviation (statistics.stdev, or np.std with ddof=1).",
            "The baseline mean is 0.84117 and its standard deviation 0.00264, so the band ends "
            "at 0.84117 - 3 * 0.00264 = 0.83325; 0.8335 is above it: not a real drop. With the "
            "population standard deviation (ddof=0) you would wrongly call it real.",
        ],
    },
    {
        "id": "breaks-example",
        "title": "pipeline_breaks on a schema with five kinds of change",
        "points": 1,
        "function": "pipeline_breaks",
        "args": [BREAKS],
        "expected": ["amount", "hour_of_day", "n_items"],
        "message": "pipeline_breaks does not list exactly the broken features of the worked "
                   "example",
        "hints": [
            "Go through schema_before feature by feature: is it still there, with the same "
            "type, and did its null rate rise by more than 0.05?",
            "n_items disappeared, hour_of_day changed from int to str, and amount's null rate "
            "rose by 0.08. The new column referrer, country's FALLING null rate and device's "
            "small rise (0.02) are not breaks. Return the names sorted.",
        ],
    },
    {
        "id": "triage-example",
        "title": "triage of the lesson's incident",
        "points": 1,
        "function": "triage",
        "args": [INCIDENT],
        "expected": "upstream-change",
        "message": "triage gives the wrong cause for the lesson's incident",
        "hints": [
            "Walk the checklist in order and stop at the first step that holds: is the drop "
            "real? Is the pipeline broken (a new column is not a break)? Did something "
            "upstream change this week, on a feature that shifted?",
            "The drop is real, no feature of schema_before is missing, retyped or nullified, "
            "and the payments-api release in week 6 (the last week) touches amount, whose PSI "
            "is 8.23 > 0.25: 'upstream-change'. Easter was three weeks earlier.",
        ],
    },
]
