"""A correct solution that reads the raw tables with parameterised SQL and does the
filtering, de-duplication and aggregation in pandas; clean picks the latest version with
groupby/idxmax and parses ages with a regular expression."""

import sqlite3
from contextlib import closing

import numpy as np
import pandas as pd


def extract(db_path, country, cutoff):
    with closing(sqlite3.connect(db_path)) as connection:
        customers = pd.read_sql("SELECT * FROM customers WHERE country = ?", connection,
                                params=(country,))
        orders = pd.read_sql("SELECT * FROM orders", connection)
    paid = orders[(orders["status"] == "paid") & (orders["order_date"] < cutoff)]
    paid = paid.drop_duplicates("order_id")
    per_customer = paid.groupby("customer_id").agg(n_orders=("order_id", "size"),
                                                   revenue=("amount", "sum")).reset_index()
    out = customers.merge(per_customer, on="customer_id", how="left")
    out["n_orders"] = out["n_orders"].fillna(0).astype(int)
    out["revenue"] = out["revenue"].fillna(0.0)
    signup = pd.to_datetime(out["signup_date"], format="%Y-%m-%d")
    out["tenure_days"] = (pd.Timestamp(cutoff) - signup).dt.days.astype(float)
    out = out.sort_values(["customer_id", "updated_at"], kind="stable")
    columns = ["customer_id", "updated_at", "segment", "age", "tenure_days", "n_orders",
               "revenue"]
    return out[columns].reset_index(drop=True)


def clean(frame):
    work = frame.copy()
    work["_updated"] = pd.to_datetime(work["updated_at"], format="%Y-%m-%d %H:%M:%S")
    work = work.reset_index(drop=True)
    latest = work.loc[work.groupby("customer_id")["_updated"].idxmax()]
    latest = latest.sort_values("customer_id").reset_index(drop=True)
    text = latest["age"].astype(object).where(latest["age"].notna(), "")
    number = text.astype(str).str.extract(r"^\s*(-?\d+(?:\.\d+)?)\s*$")[0]
    age = number.astype(float)
    age[(age < 18) | (age > 100)] = np.nan
    segments = []
    for value in latest["segment"].tolist():
        value = value.strip().lower() if isinstance(value, str) else ""
        segments.append(value or "unknown")
    return pd.DataFrame({
        "customer_id": latest["customer_id"].astype(int),
        "segment": segments,
        "age": age,
        "age_missing": age.isna().astype(int),
        "tenure_days": latest["tenure_days"],
        "n_orders": latest["n_orders"],
        "revenue": latest["revenue"],
    })
