"""Train the churn model on training/train.csv and write app/model.json.

Needs pandas and scikit-learn (requirements-train.txt); the server needs neither.
"""

import hashlib
import json
from pathlib import Path

import pandas as pd
from sklearn.linear_model import LogisticRegression

FEATURES = ["tenure", "monthly_charges", "support_calls", "late_payments"]

raw = Path("training/train.csv").read_bytes()
table = pd.read_csv("training/train.csv")
model = LogisticRegression(C=1.0, max_iter=1000).fit(table[FEATURES], table["churned"])
Path("app/model.json").write_text(json.dumps({
    "version": "trained-" + hashlib.sha256(raw).hexdigest()[:12],
    "features": FEATURES,
    "coef": model.coef_[0].tolist(),
    "intercept": float(model.intercept_[0]),
}))
print(f"trained on {len(table)} rows; wrote app/model.json")
