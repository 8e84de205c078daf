"""JOIN instead of LEFT JOIN: customers without a paid order before the cutoff vanish.

fails: extract-example, extract-rows
"""

import sqlite3
from contextlib import closing

import pandas as pd


def extract(db_path, country, cutoff):
    query = """
        WITH paid AS (
            SELECT DISTINCT order_id, customer_id, amount
            FROM orders
            WHERE status = 'paid' AND order_date < :cutoff
        ),
        per_customer AS (
            SELECT customer_id, COUNT(*) AS n_orders, SUM(amount) AS revenue
            FROM paid
            GROUP BY customer_id
        )
        SELECT c.customer_id, c.updated_at, c.segment, c.age,
               julianday(:cutoff) - julianday(c.signup_date) AS tenure_days,
               p.n_orders, p.revenue
        FROM customers AS c
        JOIN per_customer AS p ON p.customer_id = c.customer_id
        WHERE c.country = :country
        ORDER BY c.customer_id, c.updated_at
    """
    with closing(sqlite3.connect(db_path)) as connection:
        return pd.read_sql(query, connection, params={"country": country, "cutoff": cutoff})
