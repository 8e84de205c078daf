"""The oracle for multi-stage-slim: the seeded training table the grader puts into each
build context, the model train.py must produce from it, and the hidden rows to score."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

FEATURES = ["tenure", "monthly_charges", "support_calls", "late_payments"]


def training_table(rng: np.random.Generator, rows: int = 4000) -> pd.DataFrame:
    X = rng.normal(size=(rows, len(FEATURES))) * rng.uniform(0.5, 2.0, size=len(FEATURES))
    weights = rng.normal(0, 1.2, size=len(FEATURES))
    p = 1 / (1 + np.exp(-(X @ weights + rng.normal(0, 0.3))))
    table = pd.DataFrame(np.round(X, 4), columns=FEATURES)
    table["churned"] = (rng.random(rows) < p).astype(int)
    return table


def training_csv(table: pd.DataFrame) -> bytes:
    return table.to_csv(index=False).encode()


def trained_probabilities(csv: bytes, rows: list[list[float]]) -> list[float]:
    """What train.py's model answers for *rows*, trained here on the same CSV bytes."""
    import io

    table = pd.read_csv(io.BytesIO(csv))
    model = LogisticRegression(C=1.0, max_iter=1000).fit(table[FEATURES], table["churned"])
    scores = np.asarray(rows, dtype=float) @ model.coef_[0] + model.intercept_[0]
    return (1 / (1 + np.exp(-scores))).tolist()


def hidden_rows(rng: np.random.Generator, n: int = 12) -> list[list[float]]:
    return [[round(float(v), 3) for v in row] for row in rng.normal(0, 2, size=(n, len(FEATURES)))]
