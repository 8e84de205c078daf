"""Values pasted into the SQL text with an f-string: a market name with a quote breaks
the query, and a crafted one changes what it means (SQL injection).

fails: extract-quotes
"""

import sqlite3
from contextlib import closing

import pandas as pd


def extract(db_path, country, cutoff):
    query = f"""
        WITH paid AS (
            SELECT DISTINCT order_id, customer_id, amount
            FROM orders
            WHERE status = 'paid' AND order_date < '{cutoff}'
        ),
        per_customer AS (
            SELECT customer_id, COUNT(*) AS n_orders, SUM(amount) AS revenue
            FROM paid
            GROUP BY customer_id
        )
        SELECT c.customer_id, c.updated_at, c.segment, c.age,
               julianday('{cutoff}') - julianday(c.signup_date) AS tenure_days,
               COALESCE(p.n_orders, 0) AS n_orders,
               COALESCE(p.revenue, 0.0) AS revenue
        FROM customers AS c
        LEFT JOIN per_customer AS p ON p.customer_id = c.customer_id
        WHERE c.country = '{country}'
        ORDER BY c.customer_id, c.updated_at
    """
    with closing(sqlite3.connect(db_path)) as connection:
        return pd.read_sql(query, connection)
