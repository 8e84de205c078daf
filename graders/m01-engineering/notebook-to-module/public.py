"""Public checks for notebook-to-module: one small order table, two configurations.

Shipped to learners (their check() cells run these) and run again at grading
time. They call the notebook's locked adapter ``build_as_lists(data, config)``,
which builds a frame from ``data``, a ``FeatureConfig(**config)``, calls
``build_features`` and returns the result as {column: list of values}.
Plain data only: this file must import nothing.
"""

ORDERS = {
    "order_id": [101, 102, 103, 104, 105, 106],
    "amount": [120.0, None, -15.0, 9000.0, 48.5, 0.0],
    "n_items": [3, 1, 2, 4, 0, 0],
    "hour": [22, 6, 5, 21, 0, 23],
    "country": ["DE", "US", "BR", None, "FR", "de"],
}

PUBLIC_CHECKS = [
    {
        "id": "default-example",
        "title": "build_features on six orders with the default FeatureConfig",
        "points": 1,
        "function": "build_as_lists",
        "args": [ORDERS, {}],
        "expected": {
            "amount": [120.0, 0.0, 0.0, 5000.0, 48.5, 0.0],
            "log_amount": [4.795790545596741, 0.0, 0.0, 8.517393171418904, 3.901972669574645,
                           0.0],
            "amount_per_item": [40.0, 0.0, 0.0, 1250.0, 0.0, 0.0],
            "is_night": [1, 0, 1, 0, 1, 1],
            "country": ["DE", "US", "other", "other", "FR", "other"],
        },
        "message": "build_features gives the wrong features for the six example orders with "
                   "the default configuration",
        "hints": [
            "Go through the rules one column at a time: a missing amount becomes 0.0, then the "
            "amount is clipped into [0, amount_cap]; every other column uses that cleaned "
            "amount. The result has exactly the five feature columns (order_id is dropped).",
            "Row by row: 9000 is capped at 5000; n_items == 0 gives amount_per_item 0.0; hour 6 "
            "is not night (the window is [22, 6): 22 is in, 6 is out); BR, a missing country "
            "and 'de' (lower case) are not known countries, so they become 'other'.",
        ],
    },
    {
        "id": "custom-example",
        "title": "build_features on the same orders with a custom FeatureConfig",
        "points": 1,
        "function": "build_as_lists",
        "args": [ORDERS, {"amount_cap": 100.0, "night_start": 1, "night_end": 6,
                          "known_countries": ["BR", "DE"], "other_label": "rest"}],
        "expected": {
            "amount": [100.0, 0.0, 0.0, 100.0, 48.5, 0.0],
            "log_amount": [4.61512051684126, 0.0, 0.0, 4.61512051684126, 3.901972669574645,
                           0.0],
            "amount_per_item": [33.333333333333336, 0.0, 0.0, 25.0, 0.0, 0.0],
            "is_night": [0, 0, 1, 0, 0, 0],
            "country": ["DE", "rest", "BR", "rest", "rest", "rest"],
        },
        "message": "build_features ignores part of the configuration it is given",
        "hints": [
            "Every number and list in the rules must come from `config`: search your function "
            "for a literal 5000, 22, 6, a country code or 'other'.",
            "With night_start=1 and night_end=6 the window does not wrap past midnight: night "
            "is 1 <= hour < 6, so only the order at hour 5 is at night. When night_start > "
            "night_end (the default 22 and 6) it is hour >= 22 OR hour < 6.",
        ],
    },
]
