"""Oracle for sql-extract-clean. Runs only in the grader, never in a sandbox."""

from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd

from academy.runtime import codec

EXTRACT_SQL = """
WITH paid AS (                       -- each paid order once, placed before the cutoff
    SELECT DISTINCT order_id, customer_id, amount
    FROM orders
    WHERE status = 'paid' AND order_date < :cutoff
),
per_customer AS (                    -- aggregate first, then join: no fan-out
    SELECT customer_id, COUNT(*) AS n_orders, SUM(amount) AS revenue
    FROM paid
    GROUP BY customer_id
)
SELECT c.customer_id,
       c.updated_at,
       c.segment,
       c.age,
       julianday(:cutoff) - julianday(c.signup_date) AS tenure_days,
       COALESCE(p.n_orders, 0) AS n_orders,
       COALESCE(p.revenue, 0.0) AS revenue
FROM customers AS c
LEFT JOIN per_customer AS p ON p.customer_id = c.customer_id
WHERE c.country = :country
ORDER BY c.customer_id, c.updated_at
"""

COLUMNS = ["customer_id", "updated_at", "segment", "age", "tenure_days", "n_orders", "revenue"]
CLEAN_COLUMNS = ["customer_id", "segment", "age", "age_missing", "tenure_days", "n_orders",
                 "revenue"]
AGE_RANGE = (18, 100)
"""Plausible ages, inclusive; anything else is a placeholder (999) or a typo."""


def extract(db_path: str, country: str, cutoff: str) -> pd.DataFrame:
    """One row per customer record of ``country``, with paid orders before ``cutoff``."""
    connection = sqlite3.connect(db_path)
    try:
        return pd.read_sql(EXTRACT_SQL, connection,
                           params={"country": country, "cutoff": cutoff})
    finally:
        connection.close()


def extract_tables(tables: dict[str, pd.DataFrame], country: str, cutoff: str) -> pd.DataFrame:
    """The reference answer for tables the sandbox wrote to SQLite (same engine, same SQL)."""
    connection = sqlite3.connect(":memory:")
    try:
        for name, frame in codec.decode(codec.encode(tables)).items():
            frame.to_sql(name, connection, index=False)
        return pd.read_sql(EXTRACT_SQL, connection,
                           params={"country": country, "cutoff": cutoff})
    finally:
        connection.close()


def parse_age(raw: pd.Series) -> pd.Series:
    """Text ages to floats; placeholders, blanks and implausible values become NaN."""
    text = raw.map(lambda v: v.strip() if isinstance(v, str) else None)
    age = pd.to_numeric(text, errors="coerce")
    return age.where(age.between(*AGE_RANGE)).astype(float)


def normalise_segment(raw: pd.Series) -> pd.Series:
    """Trimmed, lower case; missing or blank is its own level, 'unknown'."""
    values = [v.strip().lower() if isinstance(v, str) else "" for v in raw.tolist()]
    return pd.Series([v if v else "unknown" for v in values], index=raw.index, dtype=object)


def clean(frame: pd.DataFrame) -> pd.DataFrame:
    """The latest version of each customer, typed, with missing ages flagged (not filled)."""
    stamp = pd.to_datetime(frame["updated_at"], format="%Y-%m-%d %H:%M:%S")
    order = np.lexsort((stamp.to_numpy(), frame["customer_id"].to_numpy()))
    latest = frame.iloc[order].drop_duplicates("customer_id", keep="last")
    age = parse_age(latest["age"])
    return pd.DataFrame({
        "customer_id": latest["customer_id"].to_numpy(dtype=np.int64),
        "segment": normalise_segment(latest["segment"]).to_numpy(dtype=object),
        "age": age.to_numpy(dtype=float),
        "age_missing": age.isna().to_numpy(dtype=np.int64),
        "tenure_days": latest["tenure_days"].to_numpy(dtype=float),
        "n_orders": latest["n_orders"].to_numpy(dtype=np.int64),
        "revenue": latest["revenue"].to_numpy(dtype=float),
    })
