"""Oracle and data for leakage-free-pipeline. Runs only in the grader, never in a sandbox.

Churn data come from a known logistic model. ``refund_amount`` is the planted
leak: billing fills it in when an account is closed, so in the labelled history
it is almost a copy of the label, while on the scoring date it holds values
unrelated to the coming outcome. The outcomes of a prediction fold never travel
with it: ``held_out_labels`` derives them from the fold's content.

The public files are regenerated (deterministically) with
``write_public_data(Path("exercises/m02-data-pipelines/leakage-free-pipeline/data"))``.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

PLANS = ("basic", "standard", "premium")
REGIONS = ("north", "south", "east", "west")
PAYMENTS = ("card", "direct_debit", "invoice", "paypal")
NUMERIC = ["tenure_months", "monthly_charges", "support_calls_90d", "days_since_last_login",
           "age"]
CATEGORICAL = ["plan", "region", "payment_method"]
LEAK = "refund_amount"
COLUMNS = [*NUMERIC, *CATEGORICAL, LEAK]
UNSEEN = {"plan": "enterprise", "region": "overseas", "payment_method": "crypto"}
"""Categories that never occur in training data (a new product, market, payment option)."""


def features(rng: np.random.Generator, n: int, p_missing_age: float = 0.15) -> pd.DataFrame:
    """What is known about ``n`` customers on the scoring date (no leak column yet)."""
    plan = rng.choice(PLANS, n, p=[0.5, 0.35, 0.15])
    region = rng.choice(REGIONS, n)
    payment = rng.choice(PAYMENTS, n, p=[0.4, 0.3, 0.15, 0.15])
    price = np.select([plan == "basic", plan == "standard"], [25.0, 55.0], 95.0)
    age = np.round(np.clip(rng.normal(44, 13, n), 18, 90))
    age[rng.random(n) < p_missing_age] = np.nan
    return pd.DataFrame({
        "tenure_months": rng.integers(1, 73, n).astype(np.int64),
        "monthly_charges": np.round(np.clip(price + rng.normal(0, 8, n), 5, None), 2),
        "support_calls_90d": rng.poisson(1.2, n).astype(np.int64),
        "days_since_last_login": np.round(rng.exponential(10, n)).astype(np.int64),
        "age": age.astype(float),
        "plan": pd.Series(plan, dtype=object),
        "region": pd.Series(region, dtype=object),
        "payment_method": pd.Series(payment, dtype=object),
    })


def churn_logit(X: pd.DataFrame) -> np.ndarray:
    """The true log-odds of churning; not giving an age is itself a (small) risk factor."""
    age = X["age"].to_numpy(dtype=float)
    plan = X["plan"].to_numpy(dtype=object)
    payment = X["payment_method"].to_numpy(dtype=object)
    return (0.6 - 0.05 * X["tenure_months"].to_numpy(dtype=float)
            + 0.015 * (X["monthly_charges"].to_numpy(dtype=float) - 50)
            + 0.45 * X["support_calls_90d"].to_numpy(dtype=float)
            + 0.06 * X["days_since_last_login"].to_numpy(dtype=float)
            - 0.015 * np.where(np.isnan(age), 0.0, age - 44) + 0.4 * np.isnan(age)
            + np.select([plan == "basic", plan == "premium"], [0.3, -0.4], 0.0)
            + np.select([payment == "invoice", payment == "direct_debit"], [0.8, -0.5], 0.0)
            + np.where(X["region"].to_numpy(dtype=object) == "south", 0.3, 0.0))


def labels(X: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    return (rng.random(len(X)) < 1 / (1 + np.exp(-churn_logit(X)))).astype(np.int64)


def refund_after(y: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """What billing records once the outcome is known: refunds for those who left, and a
    few goodwill credits for those who stayed."""
    refund = np.where(y == 1, np.round(rng.uniform(5, 80, len(y)), 2), 0.0)
    goodwill = (y == 0) & (rng.random(len(y)) < 0.05)
    refund[goodwill] = np.round(rng.uniform(1, 15, int(goodwill.sum())), 2)
    return refund


def training_fold(rng: np.random.Generator, n: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Labelled history: the leak column as recorded, after the outcome."""
    X = features(rng, n)
    y = labels(X, rng)
    X[LEAK] = refund_after(y, rng)
    return X, y


def prediction_fold(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Customers as seen on the scoring date: the leak column holds values that have
    nothing to do with the coming outcome (earlier refunds, data-entry noise)."""
    X = features(rng, n)
    X[LEAK] = refund_after((rng.random(n) < 0.5).astype(np.int64), rng)
    return X


def _digest(X: pd.DataFrame) -> int:
    h = hashlib.sha256()
    for column in X.columns:
        values = X[column]
        if values.dtype.kind in "biuf":
            h.update(np.ascontiguousarray(values.to_numpy(dtype=float)).tobytes())
        else:
            h.update("\x1f".join(str(v) for v in values.tolist()).encode())
    return int.from_bytes(h.digest()[:8], "little")


def held_out_labels(X: pd.DataFrame) -> np.ndarray:
    """The outcomes of a prediction fold: drawn from the true model with a generator seeded
    by the fold's content, so they never travel with the fold and never change."""
    return labels(X, np.random.default_rng([_digest(X), 20240701]))


def make_pipeline() -> Pipeline:
    """Median-impute and scale the numeric columns, one-hot the categories (unknown ones
    ignored), drop everything else - the leak included - and fit a logistic regression."""
    numeric = Pipeline([("impute", SimpleImputer(strategy="median")),
                        ("scale", StandardScaler())])
    categorical = OneHotEncoder(handle_unknown="ignore")
    preprocess = ColumnTransformer([("numeric", numeric, NUMERIC),
                                    ("categorical", categorical, CATEGORICAL)],
                                   remainder="drop")
    return Pipeline([("preprocess", preprocess),
                     ("model", LogisticRegression(max_iter=1000))])


def write_public_data(folder) -> None:
    """data/churn_history.csv (labelled, leak as recorded) and data/churn_holdout.csv (the
    next quarter as seen at prediction time, outcomes added later)."""
    rng = np.random.default_rng(314)
    X, y = training_fold(rng, 1500)
    X.assign(churned=y).to_csv(folder / "churn_history.csv", index=False)
    X_new = prediction_fold(rng, 500)
    X_new.assign(churned=held_out_labels(X_new)).to_csv(folder / "churn_holdout.csv",
                                                        index=False)
