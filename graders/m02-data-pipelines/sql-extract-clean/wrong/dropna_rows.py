"""Every customer with a missing age is dropped (dropna) instead of flagged: the rows
that are left are no longer a sample of the market, and a missing age may itself
predict churn.

fails: clean-example, clean-values
"""

import pandas as pd


def clean(frame):
    updated = pd.to_datetime(frame["updated_at"], format="%Y-%m-%d %H:%M:%S")
    latest = (frame.assign(_updated=updated)
                   .sort_values(["customer_id", "_updated"], kind="stable")
                   .drop_duplicates("customer_id", keep="last"))
    age = pd.to_numeric(latest["age"].str.strip(), errors="coerce")
    age = age.where(age.between(18, 100))
    segment = latest["segment"].str.strip().str.lower()
    segment = segment.where(segment.notna() & (segment != ""), "unknown")
    out = pd.DataFrame({
        "customer_id": latest["customer_id"],
        "segment": segment,
        "age": age.astype(float),
        "age_missing": age.isna().astype(int),
        "tenure_days": latest["tenure_days"],
        "n_orders": latest["n_orders"],
        "revenue": latest["revenue"],
    })
    return out.dropna().reset_index(drop=True)
