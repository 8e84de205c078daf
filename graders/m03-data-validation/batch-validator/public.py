"""Public checks for batch-validator: two small worked batches of 24 orders.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing. A batch is given as a
dict of columns (None is a null); validate starts with pd.DataFrame(batch).
With 24 rows the drift tests have little power, so these examples exercise the
schema, null, range and category rules; the hidden checks use batches of
hundreds of rows.
"""

CLEAN_BATCH = {
    "order_value": [42.15, 39.26, 27.68, 37.56, 20.89, 12.29, 59.59, 34.7, 11.05, 17.39, 21.19,
                    32.65, 50.87, 32.16, 23.04, 34.55, 25.34, 30.4, 20.75, 16.27, 49.88, 24.25,
                    29.53, 21.37],
    "discount": [0.2, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.05, 0.0, 0.3, 0.1, 0.0, 0.5, 0.0, 0.0,
                 0.15, 0.2, 0.1, 0.25, 0.0, 0.4, 0.0, 0.05, 0.0],
    "delivery_minutes": [28.0, 52.0, 24.0, 30.0, 38.0, None, 31.0, 32.0, 24.0, 20.0, 38.0,
                         32.0, 32.0, 34.0, 29.0, 25.0, 27.0, 27.0, 17.0, 53.0, 47.0, 47.0,
                         36.0, 40.0],
    "items": [1, 3, 1, 2, 2, 1, 4, 5, 1, 2, 2, 3, 4, 2, 4, 2, 1, 2, 2, 4, 3, 4, 2, 1],
    "city": ["Cologne", "Berlin", "Frankfurt", "Munich", "Berlin", "Berlin", "Munich",
             "Berlin", "Berlin", "Berlin", "Berlin", "Munich", "Hamburg", "Cologne", "Berlin",
             "Cologne", "Berlin", "Cologne", "Berlin", "Hamburg", "Frankfurt", "Munich",
             "Berlin", "Hamburg"],
    "payment": ["cash", "card", "card", "cash", "card", "card", "card", "cash", "card", "card",
                "card", "card", "paypal", "card", "paypal", "card", "paypal", "card", "cash",
                "card", "voucher", "paypal", "paypal", "card"],
}

BROKEN_BATCH = {
    "order_value": [17.68, 26.52, 14.75, 23.42, 27.36, 54.67, 54.65, 36.12, 35.94, 32.09,
                    33.98, None, 16.85, 60.47, 31.96, 10.72, 21.6, 34.28, 20.35, 16.74, 12.97,
                    38.35, 11.41, 39.73],
    "discount": [0.0, 0.1, 0.0, 0.8, 0.25, 0.0, 0.0, 0.0, 0.0, 0.05, 0.4, 0.0, 0.05, 0.0, 0.1,
                 0.1, 0.0, 0.0, 0.0, 0.05, 0.0, 0.5, 0.0, 0.0],
    "delivery_minutes": [31.0, 38.0, 65.0, 51.0, 25.0, 48.0, 28.0, 33.0, 27.0, 19.0, 37.0,
                         36.0, 29.0, 61.0, 37.0, 61.0, 17.0, 32.0, 35.0, 28.0, 28.0, 51.0,
                         40.0, 34.0],
    "items": [2, 2, 2, 2, 2, 4, 2, 4, 2, 2, 3, 4, 2, 4, 3, 2, 4, 1, 4, 2, 1, 5, 3, 3],
    "city": ["Berlin", "Frankfurt", "Berlin", "Berlin", "Cologne", "Berlin", "Frankfurt",
             "berlin", "Hamburg", "Berlin", "Hamburg", "Hamburg", "Berlin", "Frankfurt",
             "Hamburg", "Leipzig", "Munich", "Munich", "Cologne", "Berlin", "Frankfurt",
             "Munich", "Hamburg", "Hamburg"],
    "payment": ["paypal", "card", "voucher", "card", "card", "paypal", "cash", "card", "card",
                "card", "paypal", "card", "card", "card", "card", "paypal", "card", "cash",
                "card", "card", "paypal", "paypal", "card", "card"],
    "coupon_code": ["", "", "SPRING10", "", "", "", "", "", "", "SPRING10", "", "", "", "", "",
                    "", "", "", "", "", "", "", "", ""],
}

PUBLIC_CHECKS = [
    {
        "id": "example-clean",
        "title": "validate accepts a clean batch of 24 orders",
        "points": 1,
        "function": "validate",
        "args": [CLEAN_BATCH],
        "expected": {"valid": True, "problems": []},
        "message": "validate raises a false alarm on a clean batch",
        "hints": [
            "This batch has one null in delivery_minutes (1 of 24 rows, under the allowed 5%), "
            "discounts equal to 0.0 and 0.5 (the bounds) and orders with 1 item (the minimum). "
            "None of those is a problem.",
            "Compare null RATES with max_null_rate, allow min <= x <= max, drop nulls before "
            "comparing values, and do not flag contract categories that happen to be absent "
            "(there is no order from Leipzig here).",
        ],
    },
    {
        "id": "example-problems",
        "title": "validate names the four problems of a broken batch",
        "points": 1,
        "function": "validate",
        "args": [BROKEN_BATCH],
        "expected": {
            "valid": False,
            "problems": [
                {"rule": "category", "column": "city"},
                {"rule": "schema", "column": "coupon_code"},
                {"rule": "range", "column": "discount"},
                {"rule": "nulls", "column": "order_value"},
            ],
        },
        "message": "validate does not report exactly the problems of the broken batch, in order",
        "hints": [
            "Look for a column the contract does not know, a value above a maximum, a spelling "
            "that is not an allowed category, and a null where the contract allows none. Report "
            "all of them, not just the first.",
            "Expected: category on city ('berlin' is not 'Berlin'), schema on coupon_code, range "
            "on discount (0.8 > 0.5), nulls on order_value; sorted by column name, then rule.",
        ],
    },
]
