"""Missing ages filled with the mean of the whole column, computed before any split: the
future test customers shape the training features, and a customer's age depends on who
else is in the table.

fails: clean-example, clean-values, clean-no-statistics
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
    return pd.DataFrame({
        "customer_id": latest["customer_id"],
        "segment": segment,
        "age": age.fillna(age.mean()).astype(float),
        "age_missing": age.isna().astype(int),
        "tenure_days": latest["tenure_days"],
        "n_orders": latest["n_orders"],
        "revenue": latest["revenue"],
    }).reset_index(drop=True)
