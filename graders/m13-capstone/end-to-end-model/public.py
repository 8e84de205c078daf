"""Public checks for end-to-end-model: one per stage, asked on the visible extract by the
notebook's locked helpers, which answer a dict of named yes/no findings.

Shipped to learners (their check() cells run these) and run again at grading time. Plain
data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "contract-example",
        "title": "violations passes the extract and names the column of six damaged copies",
        "points": 0.5,
        "function": "contract_report",
        "args": [],
        "expected": {"clean extract": True, "missing column": True, "missing values": True,
                     "numbers as text": True, "negative income": True,
                     "new spelling of a purpose": True, "term of 48 months": True},
        "message": "violations gets one of the visible cases wrong (False means: a false alarm "
                   "on the clean extract, no message, or a message that does not name the "
                   "damaged column)",
        "hints": [
            "Print violations(...) for the damaged copy that fails: is the list empty, or "
            "does a message forget to say which column it is about?",
            "Go through CONTRACT rule by rule: a missing column, missing values, the type "
            "(report numbers sent as text and skip their range checks), min and max, the "
            "allowed values; start every message with the column name.",
        ],
    },
    {
        "id": "pipeline-example",
        "title": "build_pipeline beats the scorecard on 2024, ignores the non-features and "
                 "learns its statistics in fit",
        "points": 0.5,
        "function": "pipeline_report",
        "args": [],
        "expected": {"margin over the scorecard": True, "ignores the non-features": True,
                     "learns its statistics in fit": True},
        "message": "fitted on 2023 and scored on 2024, build_pipeline misses one of the three "
                   "properties (False)",
        "hints": [
            "Each key is one acceptance criterion of lesson 03. Run the failing one by hand in "
            "section 2: the margin, the predictions with the non-feature columns replaced, "
            "the predictions after retraining with amounts in thousands of euros.",
            "A ColumnTransformer that names the seven numeric and two categorical features, "
            "with StandardScaler and OneHotEncoder(handle_unknown='ignore') inside it, "
            "remainder='drop', then LogisticRegression(C=C, max_iter=1000), meets all three.",
        ],
    },
    {
        "id": "fingerprint-example",
        "title": "fingerprint_pipeline is deterministic, sensitive and independent of storage",
        "points": 0.5,
        "function": "fingerprint_report",
        "args": [],
        "expected": {"returns text": True, "identical refit: same": True,
                     "pickle round trip: same": True, "reordered columns: same": True,
                     "another C: different": True, "fewer rows: different": True},
        "message": "fingerprint_pipeline misses one of the properties (False)",
        "hints": [
            "Compare the two fingerprints of the failing line by hand with "
            "fingerprint_after_fit. What does your hash include that changed, or leave out "
            "that should have?",
            "Hash a canonical form of what the fitted model computes: scaler statistics, "
            "category lists, coefficients and intercept as float64 bytes, C; canonical JSON "
            "with sorted keys, then sha256. Not pickle bytes, not only get_params().",
        ],
    },
    {
        "id": "monitor-example",
        "title": "monitor is quiet on three clean streams and alerts after a campaign",
        "points": 0.5,
        "function": "monitor_report",
        "args": [],
        "expected": {"quiet on clean streams": True, "alerts soon after the campaign": True},
        "message": "monitor raised an alert on a clean stream, or did not alert within four "
                   "batches after the campaign started (or alerted before it)",
        "hints": [
            "Print the largest PSI of each batch for one clean stream and for the campaign "
            "stream of section 5 (make_stream). Where does your threshold sit between the two?",
            "Compare each batch with the reference on the monitored features only, take the "
            "largest PSI, count consecutive batches above the threshold and return the index "
            "of the batch that reaches the patience.",
        ],
    },
]
