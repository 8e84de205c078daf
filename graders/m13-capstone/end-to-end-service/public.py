"""Public checks for end-to-end-service, shipped to learners: the notebook's helpers run the
learner's app in-process with TestClient on the sample model the setup cell trains, and
review the Dockerfile, requirements.txt and manifests as text.

Grading runs these too, and then builds the image with a model of its own, probes it from
outside and starts it as the pod template says (hidden checks). Plain data only: this file
must import nothing.
"""

VALID = {"age": 41, "income": 52_000.0, "loan_amount": 9_500.0, "term_months": 36,
         "debt_to_income": 0.31, "credit_history_years": 12.5, "num_late_payments": 1,
         "home_ownership": "rent", "purpose": "car"}

EXAMPLES = {
    "health": {"method": "GET", "path": "/health"},
    "ready": {"method": "GET", "path": "/ready"},
    "valid": {"method": "POST", "path": "/predict", "json": VALID},
    "missing field": {"method": "POST", "path": "/predict",
                      "json": {k: v for k, v in VALID.items() if k != "income"}},
    "extra field": {"method": "POST", "path": "/predict",
                    "json": {**VALID, "recovery_amount": 0.0}},
    "unknown category": {"method": "POST", "path": "/predict",
                         "json": {**VALID, "purpose": "holiday"}},
    "out of range": {"method": "POST", "path": "/predict",
                     "json": {**VALID, "debt_to_income": 7.0}},
    "wrong type": {"method": "POST", "path": "/predict", "json": {**VALID, "age": "forty-one"}},
    "NaN literal": {"method": "POST", "path": "/predict",
                    "text": '{"age": 41, "income": NaN, "loan_amount": 9500.0, '
                            '"term_months": 36, "debt_to_income": 0.31, '
                            '"credit_history_years": 12.5, "num_late_payments": 1, '
                            '"home_ownership": "rent", "purpose": "car"}'},
}

PUBLIC_CHECKS = [
    {
        "id": "contract-in-process",
        "title": "The example requests get the status codes of the contract",
        "points": 1,
        "function": "service_statuses",
        "args": [EXAMPLES],
        "expected": {"health": 200, "ready": 200, "valid": 200, "missing field": 422,
                     "extra field": 422, "unknown category": 422, "out of range": 422,
                     "wrong type": 422, "NaN literal": 422},
        "message": "some example requests do not get the status code the contract asks for",
        "hints": [
            "Print service_statuses(EXAMPLES) and service_errors(EXAMPLES): a 200 where 422 is "
            "expected means the schema accepts something the contract forbids; a 500 means "
            "the request reached code that failed on it.",
            "Take the body as a pydantic model with extra='forbid' and allow_inf_nan=False, "
            "Field(ge=..., le=...) ranges and Literal categories; FastAPI's default 422 handler "
            "fails on a NaN it has to echo, so install your own that echoes nothing.",
        ],
    },
    {
        "id": "readiness-in-process",
        "title": "/ready reports the model's hash, and only after its self-test passed; a "
                 "tampered model file stops the app",
        "points": 1,
        "function": "readiness_report",
        "args": [],
        "expected": {"sample": {"health": 200, "ready": 200, "hash": True, "probability": True},
                     "stale self-test": {"health": 200, "ready": 503},
                     "tampered model file": "refused"},
        "message": "readiness_report() differs from what lesson 04's service does",
        "hints": [
            "Print readiness_report(): it builds your app three times with create_app(), on "
            "the sample files, on a model.json whose self-test no longer matches, and on a "
            "model.pkl with one byte changed.",
            "create_app compares the sha256 of model.pkl with meta['file_sha256'] and raises "
            "when they differ; it scores meta['self_test']['input'] and /ready answers 503 "
            "unless the result equals meta['self_test']['probability']; /health answers 200 "
            "either way.",
        ],
    },
    {
        "id": "static-review",
        "title": "The Dockerfile, requirements.txt and manifests pass the notebook's review",
        "points": 1,
        "function": "deployment_review",
        "args": ["data/scorer"],
        "expected": [],
        "message": "deployment_review('data/scorer') found problems; print it to see them",
        "hints": [
            "Print deployment_review('data/scorer'): each line names one problem and the file "
            "it is in. Run every %%writefile cell again after editing it.",
            "The review asks for an exact base release, pinned requirements at the notebook's "
            "versions, a numeric non-root USER, the served port exposed, and manifests whose "
            "selectors, ports, probes, resources, image tag and securityContext agree.",
        ],
    },
]
