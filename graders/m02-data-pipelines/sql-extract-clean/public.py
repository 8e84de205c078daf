"""Public checks for sql-extract-clean: worked examples with one correct answer.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.

Public checks compare plain lists, so they call the notebook's locked helpers
``extract_columns`` and ``clean_columns``, which run the learner's ``extract`` and
``clean`` and turn the frame into {column: list} (numbers as floats, missing as None).
"""

PUBLIC_CHECKS = [
    {
        "id": "extract-example",
        "title": "extract on the public shop: Ireland, cutoff 2024-07-01",
        "points": 1,
        "function": "extract_columns",
        "args": ["data/shop.db", "Ireland", "2024-07-01"],
        "expected": {
            "customer_id": [101, 102, 103, 103, 104, 105, 106, 106, 106, 107],
            "updated_at": ["2021-03-14 09:12:00", "2022-11-02 16:40:10", "2020-06-30 10:00:00",
                           "2023-01-09 08:30:00", "2023-08-19 12:00:00", "2024-02-01 18:05:00",
                           "2019-12-01 11:11:11", "2022-05-20 14:00:00", "2024-03-03 07:45:00",
                           "2024-05-27 20:20:20"],
            "segment": ["Consumer", "  small business ", "ENTERPRISE", "enterprise", None,
                        "consumer", "Small Business", "consumer", "enterprise", ""],
            "age": ["34", " 51", "n/a", "47", "999", None, "29.0", "29.0", "30", "unknown"],
            "tenure_days": [1205.0, 607.0, 1462.0, 1462.0, 317.0, 151.0, 1674.0, 1674.0, 1674.0,
                            35.0],
            "n_orders": [3, 0, 1, 1, 2, 0, 1, 1, 1, 0],
            "revenue": [88.98, 0.0, 99.0, 99.0, 49.0, 0.0, 9.99, 9.99, 9.99, 0.0],
        },
        "message": "extract gives another table than expected for Ireland",
        "hints": [
            "Ten rows: every version of every Irish customer record, including 102, 105 and 107, "
            "who have no paid order before the cutoff. Customer 101 has three paid orders "
            "before 2024-07-01 (5001, 5002 and 5003; 5003 was loaded twice, 5004 is on the "
            "cutoff day) and 104 has two orders of 24.50, one of them loaded twice.",
            "Build the paid orders before the cutoff once each (SELECT DISTINCT order_id, "
            "customer_id, amount ... WHERE status = 'paid' AND order_date < :cutoff), count "
            "and sum them per customer, then LEFT JOIN that to customers WHERE country = "
            ":country, with COALESCE(..., 0) for customers without orders, ORDER BY "
            "customer_id, updated_at.",
        ],
    },
    {
        "id": "clean-example",
        "title": "clean on ten raw rows of seven customers",
        "points": 1,
        "function": "clean_columns",
        "args": [{
            "customer_id": [3, 3, 5, 7, 7, 8, 9, 9, 12, 14],
            "updated_at": ["2023-01-05 10:00:00", "2024-02-11 08:00:00", "2022-07-07 07:07:07",
                           "2021-01-01 00:00:00", "2021-01-01 00:00:00", "2023-03-03 12:00:00",
                           "2020-05-05 05:05:05", "2023-09-09 09:09:09", "2024-01-15 15:00:00",
                           "2024-03-01 11:00:00"],
            "segment": [" Consumer", "enterprise", None, "SMALL BUSINESS ", "SMALL BUSINESS ", "",
                        "small business", "Small Business", "consumer", "Consumer"],
            "age": ["42", "43", " 999 ", "n/a", "n/a", "  35.0 ", None, "17", "100", "18"],
            "tenure_days": [400.0, 400.0, 250.0, 1000.0, 1000.0, 90.0, 1500.0, 1500.0, 60.0, 30.0],
            "n_orders": [2, 2, 0, 5, 5, 1, 3, 3, 1, 0],
            "revenue": [39.98, 39.98, 0.0, 200.5, 200.5, 99.0, 74.5, 74.5, 9.99, 0.0],
        }],
        "expected": {
            "customer_id": [3, 5, 7, 8, 9, 12, 14],
            "segment": ["enterprise", "unknown", "small business", "unknown", "small business",
                        "consumer", "consumer"],
            "age": [43.0, None, None, 35.0, None, 100.0, 18.0],
            "age_missing": [0, 1, 1, 0, 1, 0, 0],
            "tenure_days": [400.0, 250.0, 1000.0, 90.0, 1500.0, 60.0, 30.0],
            "n_orders": [2, 0, 5, 1, 3, 1, 0],
            "revenue": [39.98, 0.0, 200.5, 99.0, 74.5, 9.99, 0.0],
        },
        "message": "clean gives another table than expected",
        "hints": [
            "Seven customers, so seven rows. Customer 3's current record is the 2024 one "
            "(enterprise, 43); customer 9's current record says 17, which is not a plausible "
            "age, so its age is missing even though an older version had none either.",
            "Sort by customer_id and parsed updated_at, drop_duplicates('customer_id', "
            "keep='last'); pd.to_numeric(age.str.strip(), errors='coerce') and then "
            "age.where(age.between(18, 100)); age_missing = age.isna().astype(int); do not "
            "fill the ages. Segment: strip, lower, and 'unknown' for missing or blank.",
        ],
    },
]
