"""Public checks for retraining-gate: the public files of the notebook and one gate example.

Shipped to learners (their check() cells run these) and run again at grading time. Plain
data only: this file must import nothing.
"""

POLICY = {"metric": "roc_auc", "min_improvement": 0.02}

PUBLIC_CHECKS = [
    {
        "id": "clean-example",
        "title": "validate_batch finds no problem in the clean week-07 batch",
        "points": 1,
        "function": "is_clean",
        "args": ["data/week-07.csv"],
        "expected": True,
        "message": "validate_batch reports problems (or returns something other than a list) "
                   "for data/week-07.csv, which meets the contract",
        "hints": [
            "Print validate_batch(pd.read_csv('data/week-07.csv')): which rule fires? A clean "
            "batch must give an empty list, not None and not a list of empty strings.",
            "Ranges include their bounds (use < lo and > hi to find values outside), and the "
            "integer rule is about the dtype (pd.api.types.is_integer_dtype), not the values.",
        ],
    },
    {
        "id": "broken-example",
        "title": "validate_batch finds the problems of the broken week-08 batch",
        "points": 1,
        "function": "is_clean",
        "args": ["data/week-08.csv"],
        "expected": False,
        "message": "validate_batch finds no problem in data/week-08.csv, which breaks the "
                   "contract",
        "hints": [
            "Look at week-08 yourself: df.isna().sum(), df['city'].value_counts(), df.dtypes.",
            "Some hours are missing (which also makes the column float) and some cities are "
            "spelled in a way that is not in CITIES.",
        ],
    },
    {
        "id": "gate-example",
        "title": "gate rejects a candidate that is better by less than the margin",
        "points": 1,
        "function": "gate_decision",
        "args": [{"roc_auc": 0.80, "rows": 800}, {"roc_auc": 0.79, "rows": 800}, [], POLICY],
        "expected": "reject",
        "message": "gate promotes a candidate whose ROC-AUC is only 0.01 above production, "
                   "with a required improvement of 0.02",
        "hints": [
            "Being better is not enough: the policy asks for a minimum improvement.",
            "Promote only when candidate[metric] - production[metric] >= "
            "policy['min_improvement']; here the gain is 0.01.",
        ],
    },
    {
        "id": "pipeline-example",
        "title": "run_pipeline promotes the model retrained on week-07",
        "points": 1,
        "function": "decision_on",
        "args": ["data/week-07.csv"],
        "expected": "promote",
        "message": "run_pipeline does not promote the candidate trained on week-07, which beats "
                   "the production model by far more than the margin",
        "hints": [
            "Print run_pipeline(week7, holdout, load_production_metrics()): what are the "
            "metrics and the reason?",
            "The candidate's ROC-AUC on the holdout should be close to 0.75 and production's "
            "is in data/production_metrics.json. Compute the AUC on the holdout from the "
            "probability of class 1, predict_proba(...)[:, 1], not from column 0 or from 0/1 "
            "predictions.",
        ],
    },
]
