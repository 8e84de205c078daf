"""Public checks for contract-from-data: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing. Frames are given as dicts
of columns (None is a null); the notebook's functions accept both.
"""

SHOP = {
    "basket": [12.5, 3.2, 48.0, 7.75, 22.1, 15.0, None, 9.9, 31.4, 5.5,
               18.2, 27.3, 11.0, 6.4, 40.2, 14.8, 19.9, 8.1, 25.6, 13.3],
    "temperature": [-3.5, 2.0, 7.25, 11.0, -1.0, 4.5, 9.0, 13.5, 0.5, 6.0,
                    3.0, 8.5, -2.0, 5.0, 10.0, 1.5, 12.0, 7.0, 4.0, 2.5],
    "items": [1, 3, 6, 2, 4, 3, 2, 5, 1, 2, 3, 4, 2, 6, 1, 3, 2, 4, 5, 3],
    "store": ["north", "south", "north", "east", "north", None, "south", "north", "north",
              "south", None, "north", "east", "north", "south", "north", None, "north",
              "south", "north"],
}

SHOP_CONTRACT = {
    "columns": {
        "basket": {
            "kind": "numeric", "min": 0.0, "max": 52.48, "max_null_rate": 0.0792403830344269,
            "quantiles": [6.22, 7.96, 10.34, 12.66, 14.8, 17.56, 21.22, 26.28, 33.16],
        },
        "temperature": {
            "kind": "numeric", "min": -5.2, "max": 15.2, "max_null_rate": 0.0,
            "quantiles": [-1.1, 1.3, 2.35, 3.6, 4.75, 6.4, 7.625, 9.2, 11.1],
        },
        "items": {
            "kind": "numeric", "min": 0.5, "max": 6.5, "max_null_rate": 0.0,
            "quantiles": [1.0, 2.0, 2.0, 2.6, 3.0, 3.0, 4.0, 4.2, 5.1],
        },
        "store": {
            "kind": "text", "categories": ["north", "south"],
            "frequencies": {"north": 0.6666666666666666, "south": 0.3333333333333333},
            "max_null_rate": 0.19790615826801394,
        },
    },
}

DECILE_COLUMN = {
    "kind": "numeric", "min": 0.0, "max": 110.0, "max_null_rate": 0.05,
    "quantiles": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0],
}

STORE_COLUMN = {
    "kind": "text", "categories": ["north", "south"], "max_null_rate": 0.1,
    "frequencies": {"north": 0.6, "south": 0.4},
}

PUBLIC_CHECKS = [
    {
        "id": "contract-example",
        "title": "infer_contract on a 20-row shop sample",
        "points": 1,
        "function": "infer_contract",
        "args": [SHOP],
        "expected": SHOP_CONTRACT,
        "message": "infer_contract does not give the contract the rules describe",
        "hints": [
            "Check one field at a time. basket never goes below 0, so its lower bound stops at "
            "0.0; items never goes below 0 either, but 1 - 0.1 * 5 = 0.5 is already above 0. "
            "'east' appears only twice, fewer than min_count=5 times.",
            "basket: 1 null in 20 rows, so 0.05 + 3 * sqrt(0.05 * 0.95 / 500) = 0.0792; "
            "quantiles from np.quantile of the 19 non-null values; store: north 10, south 5, "
            "so frequencies 2/3 and 1/3 (the two 'east' rows are left out of the total).",
        ],
    },
    {
        "id": "psi-numeric-example",
        "title": "psi of 20 values (one null, one on a bin edge, one empty bin) against deciles",
        "points": 1,
        "function": "psi",
        "args": [DECILE_COLUMN,
                 [5.0, 12.0, 40.0, 18.0, 25.0, 33.0, 41.0, 47.0, 52.0, 58.0,
                  61.0, 66.0, 69.0, 74.0, 95.0, None, 99.5, 27.0, 44.0, 36.0]],
        "expected": 0.8313035440072202,
        "message": "psi gives the wrong value on the decile example",
        "hints": [
            "Drop the null first (19 values remain). The value 40.0 belongs to the bin "
            "(30, 40], not (40, 50]. No value falls in (80, 90].",
            "Bin shares: 1, 2, 2, 3, 3, 2, 3, 1, 0, 2 out of 19; each expected share is 0.1. "
            "The empty bin's share is floored to 0.0001 before the log; it alone contributes "
            "(0.0001 - 0.1) * ln(0.0001 / 0.1) = 0.69.",
        ],
    },
    {
        "id": "psi-text-example",
        "title": "psi of 12 store values (one unknown, one null) against the contract shares",
        "points": 1,
        "function": "psi",
        "args": [STORE_COLUMN,
                 ["north", "south", "south", "east", "north", "south", None, "north", "south",
                  "south", "north", "south"]],
        "expected": 0.1621860432432657,
        "message": "psi gives the wrong value on the store example",
        "hints": [
            "Only contract categories count: leave out the null and the 'east' value. "
            "Ten values remain.",
            "Actual shares north 0.4, south 0.6 against expected 0.6 and 0.4: "
            "(0.4 - 0.6) * ln(0.4 / 0.6) + (0.6 - 0.4) * ln(0.6 / 0.4).",
        ],
    },
]
