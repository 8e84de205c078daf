"""A LEFT JOIN to the orders, but the conditions on the orders sit in the outer WHERE:
for customers without a paid order the joined columns are NULL, the WHERE rejects them,
and the LEFT JOIN silently behaves like an inner join.

fails: extract-example, extract-rows
"""

import sqlite3
from contextlib import closing

import pandas as pd


def extract(db_path, country, cutoff):
    query = """
        SELECT c.customer_id, c.updated_at, c.segment, c.age,
               julianday(:cutoff) - julianday(c.signup_date) AS tenure_days,
               COUNT(o.order_id) AS n_orders,
               COALESCE(SUM(o.amount), 0.0) AS revenue
        FROM customers AS c
        LEFT JOIN (SELECT DISTINCT * FROM orders) AS o ON o.customer_id = c.customer_id
        WHERE c.country = :country AND o.status = 'paid' AND o.order_date < :cutoff
        GROUP BY c.customer_id, c.updated_at, c.segment, c.age, c.signup_date
        ORDER BY c.customer_id, c.updated_at
    """
    with closing(sqlite3.connect(db_path)) as connection:
        return pd.read_sql(query, connection, params={"country": country, "cutoff": cutoff})
