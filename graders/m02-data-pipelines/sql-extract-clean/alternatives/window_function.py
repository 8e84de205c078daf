"""A correct solution with correlated subqueries in SQL and, for clean, plain Python
loops over records: a dictionary keyed by customer keeps the latest version."""

import math
import sqlite3
from contextlib import closing

import pandas as pd


def extract(db_path, country, cutoff):
    query = """
        SELECT c.customer_id, c.updated_at, c.segment, c.age,
               julianday(?2) - julianday(c.signup_date) AS tenure_days,
               (SELECT COUNT(DISTINCT o.order_id) FROM orders AS o
                 WHERE o.customer_id = c.customer_id AND o.status = 'paid'
                   AND o.order_date < ?2) AS n_orders,
               (SELECT COALESCE(SUM(d.amount), 0.0) FROM
                  (SELECT DISTINCT order_id, amount FROM orders AS o
                    WHERE o.customer_id = c.customer_id AND o.status = 'paid'
                      AND o.order_date < ?2) AS d) AS revenue
        FROM customers AS c
        WHERE c.country = ?1
        ORDER BY c.customer_id, c.updated_at
    """
    with closing(sqlite3.connect(db_path)) as connection:
        return pd.read_sql(query, connection, params=(country, cutoff))


def _age(value):
    if not isinstance(value, str):
        return math.nan
    try:
        number = float(value.strip())
    except ValueError:
        return math.nan
    return number if 18 <= number <= 100 else math.nan


def clean(frame):
    latest = {}
    for row in frame.to_dict("records"):
        key = int(row["customer_id"])
        if key not in latest or row["updated_at"] > latest[key]["updated_at"]:
            latest[key] = row
    rows = []
    for key in sorted(latest):
        row = latest[key]
        segment = row["segment"].strip().lower() if isinstance(row["segment"], str) else ""
        age = _age(row["age"])
        rows.append({"customer_id": key, "segment": segment or "unknown", "age": age,
                     "age_missing": int(math.isnan(age)), "tenure_days": row["tenure_days"],
                     "n_orders": row["n_orders"], "revenue": row["revenue"]})
    return pd.DataFrame(rows, columns=["customer_id", "segment", "age", "age_missing",
                                       "tenure_days", "n_orders", "revenue"])
