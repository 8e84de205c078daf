"""Parsing only: '999', '0' and '7' are numbers, so they are kept as ages. The sentinel
for "unknown" becomes a 999-year-old customer.

fails: clean-example, clean-values
"""

import pandas as pd


def clean(frame):
    updated = pd.to_datetime(frame["updated_at"], format="%Y-%m-%d %H:%M:%S")
    latest = (frame.assign(_updated=updated)
                   .sort_values(["customer_id", "_updated"], kind="stable")
                   .drop_duplicates("customer_id", keep="last"))
    age = pd.to_numeric(latest["age"].str.strip(), errors="coerce")
    segment = latest["segment"].str.strip().str.lower()
    segment = segment.where(segment.notna() & (segment != ""), "unknown")
    return pd.DataFrame({
        "customer_id": latest["customer_id"],
        "segment": segment,
        "age": age.astype(float),
        "age_missing": age.isna().astype(int),
        "tenure_days": latest["tenure_days"],
        "n_orders": latest["n_orders"],
        "revenue": latest["revenue"],
    }).reset_index(drop=True)
