"""Public checks for content-hashing: small worked examples with their fingerprints.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

MODEL = {"class": "Ridge", "params": {"alpha": 0.5},
         "fitted": {"coef_": [0.25, -1.5, 3.0], "intercept_": 0.125, "n_features_in_": 3}}

PUBLIC_CHECKS = [
    {
        "id": "array-example",
        "title": "fingerprint_array of a 2 x 3 integer array",
        "points": 1,
        "function": "fingerprint_array",
        "args": [[[1, 2, 3], [4, 5, 6]]],
        "expected": "463e5ed79fbb2a05b9c98691118de800f602f33b8b2338e3bd8a2c165a219f4e",
        "message": "fingerprint_array does not give the expected fingerprint for "
                   "np.asarray([[1, 2, 3], [4, 5, 6]])",
        "hints": [
            "Convert the input with np.asarray first (the check passes a nested list), and "
            "return hashlib.sha256(...).hexdigest(): a 64-character lowercase hex string.",
            "The bytes hashed here are b'{\"dtype\":\"<i8\",\"shape\":[2,3]}' + b'\\n' + "
            "a.tobytes(): build the header with canonical_json({\"dtype\": a.dtype.str, "
            "\"shape\": list(a.shape)}), not with str(a) or pickle.",
        ],
    },
    {
        "id": "frame-example",
        "title": "fingerprint_frame of a three-column table with a missing city",
        "points": 1,
        "function": "fingerprint_columns",
        "args": [{"city": ["Oslo", None, "Lima"], "visits": [3, 1, 4],
                  "spend": [12.5, 0.0, 7.25]}],
        "expected": "baad2dab2d1362dd63d21aeaea4fc078ee813c78683378f147477102ca2a5ad2",
        "message": "fingerprint_frame does not give the expected fingerprint for the "
                   "example table",
        "hints": [
            "Keep the columns in the frame's order (city, visits, spend) and make "
            "fingerprint_array pass its check first: numeric columns use it.",
            "Here the names are ['city', 'visits', 'spend'], the dtype labels ['text', "
            "'int64', 'float64']; the city digest is the sha256 of canonical_json(['Oslo', "
            "None, 'Lima']) (the missing city becomes None, not 'nan' or 'None'); hash "
            "canonical_json({'columns': ..., 'dtypes': ..., 'values': ...}).",
        ],
    },
    {
        "id": "model-example",
        "title": "fingerprint_model of a small Ridge model",
        "points": 1,
        "function": "fingerprint_model_of",
        "args": [MODEL],
        "expected": "5a48949dc5625c000c9a9ddba27ac6e942ce308fce6c56a1e80d30e46f7d3057",
        "message": "fingerprint_model does not give the expected fingerprint for the example "
                   "Ridge model",
        "hints": [
            "Hash the model's content, not its pickle: its class name, get_params() and the "
            "array fingerprints of coef_ and intercept_.",
            "state = {'class': 'Ridge', 'params': model.get_params(), 'coef': "
            "fingerprint_array(np.asarray(model.coef_)), 'intercept': "
            "fingerprint_array(np.asarray(model.intercept_))}; return the sha256 hex digest "
            "of canonical_json(state).",
        ],
    },
    {
        "id": "find-version-example",
        "title": "find_version finds an older version that holds the same model",
        "points": 1,
        "function": "find_version_of",
        "args": [
            MODEL,
            [
                {"class": "Ridge", "params": {"alpha": 1.0},
                 "fitted": {"coef_": [0.25, -1.5, 3.0], "intercept_": 0.125,
                            "n_features_in_": 3}},
                {"class": "Ridge", "params": {"alpha": 0.5},
                 "fitted": {"n_features_in_": 3, "intercept_": 0.125,
                            "coef_": [0.25, -1.5, 3.0]}},
                {"class": "Ridge", "params": {"alpha": 0.5},
                 "fitted": {"coef_": [0.25, -1.5, 2.5], "intercept_": 0.125,
                            "n_features_in_": 3}},
            ],
        ],
        "expected": 2,
        "message": "find_version does not return the registered version that holds the "
                   "same model",
        "hints": [
            "Version 1 has another alpha and version 3 another coefficient; version 2 is the "
            "same model built in another order. Compare fingerprints, and look at every "
            "version, not only the latest.",
            "Loop with enumerate(registered, start=1) and return the first version whose "
            "fingerprint equals fingerprint_model(model); return None after the loop.",
        ],
    },
]
