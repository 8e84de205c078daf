"""Public checks for validated-service, shipped to learners: the notebook's helpers run the
learner's app in-process with TestClient, on the sample model the setup cell writes.

Grading runs these too, and then packages the app with a model of its own and probes it
from outside (hidden checks). Plain data only: this file must import nothing.
"""

ROW = {"distance_km": 12.5, "parcels": 2, "weight_kg": 3.2, "hour": 9, "express": False,
       "region": "north", "zone": 17}

EXAMPLES = {
    "health": {"method": "GET", "path": "/health"},
    "valid batch": {"method": "POST", "path": "/predict", "json": {"rows": [ROW, ROW]}},
    "missing zone": {"method": "POST", "path": "/predict",
                     "json": {"rows": [{k: v for k, v in ROW.items() if k != "zone"}]}},
    "hour 24": {"method": "POST", "path": "/predict", "json": {"rows": [{**ROW, "hour": 24}]}},
    "unknown region": {"method": "POST", "path": "/predict",
                       "json": {"rows": [ROW, {**ROW, "region": "mars"}]}},
    "empty batch": {"method": "POST", "path": "/predict", "json": {"rows": []}},
    "not JSON": {"method": "POST", "path": "/predict", "text": "rows=12.5,2,3.2"},
}

SAMPLE_ROWS = [
    ROW,
    {"distance_km": 480.0, "parcels": 20, "weight_kg": 70.0, "hour": 23, "express": True,
     "region": "central", "zone": 11999},
    {"distance_km": 95.0, "parcels": 5, "weight_kg": 18.75, "hour": 0, "express": False,
     "region": "west", "zone": 0},
]

PUBLIC_CHECKS = [
    {
        "id": "statuses-example",
        "title": "The example requests get the status codes of the contract",
        "points": 1,
        "function": "service_statuses",
        "args": [EXAMPLES],
        "expected": {"health": 200, "valid batch": 200, "missing zone": 422, "hour 24": 422,
                     "unknown region": 422, "empty batch": 422, "not JSON": 422},
        "message": "some example requests do not get the status code the contract asks for",
        "hints": [
            "Print service_statuses(EXAMPLES) and compare it with the expected codes: a 200 "
            "where 422 is expected means the schema accepts something the contract forbids; "
            "a 500 means the request reached code that failed on it.",
            "Take the body as a pydantic model with Field(ge=..., le=...) ranges, a Literal "
            "for region and Field(min_length=1, max_length=1000) on rows; FastAPI then "
            "answers 422 by itself, including for a body that is not JSON.",
        ],
    },
    {
        "id": "probabilities-example",
        "title": "POST /predict answers the sample model's probabilities for three rows",
        "points": 1,
        "function": "sample_probabilities",
        "args": [SAMPLE_ROWS],
        "expected": [0.029271880560049594, 0.6583525794369708, 0.1023917134711909],
        "rtol": 0.0,
        "atol": 1e-5,
        "message": "the probabilities differ from the sample model's on the three example rows",
        "hints": [
            "The answer must be {\"model_version\": ..., \"probabilities\": [...]} with one "
            "float per row. Check the input vector: 4 standardised numbers, express, 5 "
            "one-hot regions, 32 embedding numbers: 42 in all.",
            "Standardise with (value - mean) / scale, one-hot in the order of "
            "model['regions'], take zone_embedding[zone]; ReLU on every layer but the last, "
            "a sigmoid on the last, and the mean of the 48 members' sigmoids.",
        ],
    },
]
