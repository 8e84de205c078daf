"""Oracle and hidden data for end-to-end-model. Runs only in the grader, never in a sandbox.

The data come from the capstone's generator ``make_applications`` (lessons 01 and 03 of
the capstone module; the notebook's locked setup cell holds the same function), called
with seeds, start dates and sizes the learner never sees. What crosses into the sandbox
is plain data: ``applied_at`` travels as ISO-date text (``YYYY-MM-DD``) and the text
columns as plain strings; the label of a scoring frame never travels with it.

The reference functions are the model solution of the notebook: ``violations`` (the data
contract), ``build_pipeline`` (the leakage-free pipeline), ``fingerprint_pipeline`` and
``monitor`` (PSI per monitored feature, an alert threshold and a patience rule).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# --------------------------------------------------------------------------- the data


def make_applications(n, seed=0, start="2023-01-01", months=18):
    """Synthetic loan applications with a known relation between features and default."""
    rng = np.random.default_rng(seed)
    days = np.sort(rng.integers(0, months * 30, size=n))
    age = rng.integers(21, 76, size=n)
    income = np.round(rng.lognormal(np.log(38_000), 0.45, size=n), -2)
    loan_amount = np.round(np.clip(rng.lognormal(np.log(8_000), 0.6, size=n), 1_000, 25_000), -2)
    term_months = rng.choice([12, 24, 36, 60], size=n, p=[0.15, 0.3, 0.35, 0.2])
    debt_to_income = np.round(np.clip(rng.beta(2.0, 5.0, size=n) * 1.2, 0.0, 1.2), 3)
    credit_history_years = np.round((age - 18) * rng.uniform(0.2, 1.0, size=n), 1)
    num_late_payments = rng.poisson(0.3 + 1.2 * debt_to_income)
    home_ownership = rng.choice(["rent", "own", "mortgage"], size=n, p=[0.4, 0.2, 0.4])
    purpose = rng.choice(["car", "home_improvement", "debt_consolidation", "other"],
                         size=n, p=[0.3, 0.2, 0.3, 0.2])
    logit = (-3.6 + 2.8 * debt_to_income + 0.45 * num_late_payments + 1.2 * loan_amount / income
             - 0.05 * credit_history_years + 0.5 * (home_ownership == "rent")
             + 0.5 * (purpose == "debt_consolidation") + 0.012 * (term_months - 36))
    defaulted = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(int)
    recovery = np.where(defaulted == 1, np.round(loan_amount * rng.uniform(0.0, 0.6, size=n), -1), 0.0)
    return pd.DataFrame({
        "application_id": np.arange(1, n + 1),
        "applied_at": pd.Timestamp(start) + pd.to_timedelta(days, unit="D"),
        "age": age, "income": income, "loan_amount": loan_amount, "term_months": term_months,
        "debt_to_income": debt_to_income, "credit_history_years": credit_history_years,
        "num_late_payments": num_late_payments, "home_ownership": home_ownership,
        "purpose": purpose, "recovery_amount": recovery, "defaulted": defaulted,
    })


CONTRACT: dict[str, dict[str, Any]] = {
    "age": {"kind": "int", "min": 18, "max": 100},
    "income": {"kind": "float", "min": 1.0},
    "loan_amount": {"kind": "float", "min": 1_000, "max": 25_000},
    "term_months": {"kind": "int", "allowed": [12, 24, 36, 60]},
    "debt_to_income": {"kind": "float", "min": 0.0, "max": 1.5},
    "credit_history_years": {"kind": "float", "min": 0.0, "max": 82.0},
    "num_late_payments": {"kind": "int", "min": 0},
    "home_ownership": {"kind": "category", "allowed": ["rent", "own", "mortgage"]},
    "purpose": {"kind": "category",
                "allowed": ["car", "home_improvement", "debt_consolidation", "other"]},
    "defaulted": {"kind": "int", "allowed": [0, 1]},
}
NUMERIC = ["age", "income", "loan_amount", "term_months", "debt_to_income",
           "credit_history_years", "num_late_payments"]
CATEGORICAL = ["home_ownership", "purpose"]
NOT_FEATURES = ["application_id", "applied_at", "recovery_amount", "defaulted"]
MONITORED = ["age", "income", "loan_amount", "debt_to_income", "credit_history_years"]
LABEL = "defaulted"
MARGIN = 0.03
"""The brief's acceptance margin: ROC-AUC at least 0.03 above ranking by debt_to_income."""
TEXT = ("home_ownership", "purpose")


def as_sent(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as it crosses into the sandbox: dates as ISO text, text as plain str."""
    out = frame.reset_index(drop=True).copy()
    if "applied_at" in out.columns:
        out["applied_at"] = pd.Series(pd.to_datetime(out["applied_at"]).dt.strftime("%Y-%m-%d")
                                      .tolist(), dtype=object)
    for column in TEXT:
        if column in out.columns:
            out[column] = pd.Series(out[column].tolist(), dtype=object)
    return out


def seed_from(rng: np.random.Generator) -> int:
    return int(rng.integers(10_000, 2**31 - 1))


def start_from(rng: np.random.Generator) -> str:
    """A first month between 2024-01 and 2027-12 (the visible extract starts in 2023-01)."""
    month = int(rng.integers(0, 48))
    return f"{2024 + month // 12}-{month % 12 + 1:02d}-01"


def extract(rng: np.random.Generator, n: int, months: int = 18) -> pd.DataFrame:
    """A hidden extract of ``n`` applications with labels, as sent (dates as text)."""
    return as_sent(make_applications(n, seed=seed_from(rng), start=start_from(rng),
                                      months=months))


def time_split(frame: pd.DataFrame, train_months: int = 12) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Earlier months for training, later months for evaluation (ISO text sorts by date)."""
    first = pd.Timestamp(frame["applied_at"].min())
    cut = (first + pd.Timedelta(days=30 * train_months)).strftime("%Y-%m-%d")
    earlier = frame[frame["applied_at"] < cut].reset_index(drop=True)
    later = frame[frame["applied_at"] >= cut].reset_index(drop=True)
    return earlier, later


def features_and_label(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    return frame.drop(columns=LABEL), frame[LABEL].to_numpy().astype(np.int64)


# --------------------------------------------------------------------------- the contract

def violations(batch: pd.DataFrame) -> list[str]:
    """Every way the batch breaks CONTRACT, as readable strings naming the column."""
    found = []
    for column, rule in CONTRACT.items():
        if column not in batch.columns:
            found.append(f"missing column {column!r}")
            continue
        values = batch[column]
        missing = int(values.isna().sum())
        if missing:
            found.append(f"{column}: {missing} missing values")
        values = values.dropna()
        kind = rule["kind"]
        if kind == "category":
            unknown = ~values.astype(str).isin(rule["allowed"])
            if unknown.any():
                found.append(f"{column}: unexpected values {sorted(set(values[unknown].astype(str)))[:5]}")
            continue
        if not pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
            found.append(f"{column}: expected numbers, got {values.dtype}")
            continue
        if kind == "int" and not pd.api.types.is_integer_dtype(values.dtype) and missing == 0:
            found.append(f"{column}: expected integers, got {values.dtype}")
        if "min" in rule and (values < rule["min"]).any():
            found.append(f"{column}: {int((values < rule['min']).sum())} values below {rule['min']}")
        if "max" in rule and (values > rule["max"]).any():
            found.append(f"{column}: {int((values > rule['max']).sum())} values above {rule['max']}")
        if "allowed" in rule and not values.isin(rule["allowed"]).all():
            found.append(f"{column}: values outside {rule['allowed']}")
    return found


def names_column(message: str, column: str) -> bool:
    """Does the message name the column as a whole word (``income`` is not ``debt_to_income``)?"""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(column)}(?![A-Za-z0-9_])", message) is not None


# --------------------------------------------------------------------------- the pipeline

def build_pipeline(C=1.0):
    """An unfitted pipeline on raw application frames; only application-time features."""
    return Pipeline([
        ("prep", ColumnTransformer([
            ("num", StandardScaler(), NUMERIC),
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ], remainder="drop")),
        ("clf", LogisticRegression(C=C, max_iter=1_000)),
    ])


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y_true, scores))


# --------------------------------------------------------------------------- the fingerprint

def _canonical(obj) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _digest(a) -> str:
    a = np.ascontiguousarray(a, dtype=np.float64)
    return hashlib.sha256(_canonical(list(a.shape)) + a.tobytes()).hexdigest()


def fingerprint_pipeline(pipe) -> str:
    prep, clf = pipe.named_steps["prep"], pipe.named_steps["clf"]
    scaler, encoder = prep.named_transformers_["num"], prep.named_transformers_["cat"]
    state = {
        "columns": [list(cols) for _, _, cols in prep.transformers],
        "scaler": [_digest(scaler.mean_), _digest(scaler.scale_)],
        "categories": [[str(c) for c in cats] for cats in encoder.categories_],
        "classifier": [type(clf).__name__, clf.C, _digest(clf.coef_), _digest(clf.intercept_)],
    }
    return hashlib.sha256(_canonical(state)).hexdigest()


# --------------------------------------------------------------------------- the monitor

def psi(reference, current, bins=10, eps=1e-4):
    edges = np.quantile(reference, np.linspace(0, 1, bins + 1)[1:-1])
    p = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=bins) / len(reference)
    q = np.bincount(np.searchsorted(edges, current, side="right"), minlength=bins) / len(current)
    p, q = np.clip(p, eps, None), np.clip(q, eps, None)
    return float(np.sum((q - p) * np.log(q / p)))


def monitor(reference, batches, threshold=0.2, patience=2):
    """Index of the batch that raises the alert, or None."""
    above = 0
    for i, batch in enumerate(batches):
        worst = max(psi(reference[c].to_numpy(dtype=float), batch[c].to_numpy(dtype=float))
                    for c in MONITORED)
        above = above + 1 if worst > threshold else 0
        if above >= patience:
            return i
    return None


STREAM_REFERENCE, STREAM_BATCH, STREAM_LENGTH = 2_000, 200, 14
"""A reference of 2,000 training applications, then 14 batches of 200 applications each."""


def shift_campaign(b: pd.DataFrame) -> pd.DataFrame:
    """A partner campaign (lesson 04): more indebted, lower-income applicants."""
    return b.assign(debt_to_income=np.round(np.clip(b["debt_to_income"] * 1.35 + 0.03, 0, 1.5), 3),
                    income=np.round(b["income"] * 0.85, -2))


def shift_younger(b: pd.DataFrame) -> pd.DataFrame:
    """A new channel that reaches younger applicants with shorter credit histories."""
    age = np.clip(b["age"].to_numpy() - 10, 18, None)
    history = np.minimum(b["credit_history_years"].to_numpy(), np.maximum(age - 18, 0))
    return b.assign(age=age.astype(np.int64), credit_history_years=history)


def shift_loans(b: pd.DataFrame) -> pd.DataFrame:
    """Larger loans after a change of the product's upper limit in the web form."""
    return b.assign(loan_amount=np.round(np.clip(b["loan_amount"] * 1.5, 1_000, 25_000), -2))


def shift_monthly_income(b: pd.DataFrame) -> pd.DataFrame:
    """A data bug upstream: income arrives per month instead of per year."""
    return b.assign(income=np.round(b["income"] / 12, 0))


def shift_history(b: pd.DataFrame) -> pd.DataFrame:
    """A bureau change that counts credit history from a later date."""
    return b.assign(credit_history_years=np.round(b["credit_history_years"] * 0.6, 1))


SHIFTS = {"campaign": shift_campaign, "younger": shift_younger, "loans": shift_loans,
          "monthly_income": shift_monthly_income, "history": shift_history}


def shift_start(reference: pd.DataFrame) -> int:
    """The batch where the shift starts (4 to 9), derived from the reference sample so the
    judge needs no state from ``calls``; the learner is never told."""
    data = np.ascontiguousarray(reference["income"].to_numpy(dtype=float)).tobytes()
    return 4 + hashlib.sha256(data).digest()[0] % 6


def stream(rng: np.random.Generator, shift: str | None = None
           ) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """A reference sample and a stream of later batches (ids and dates keep growing)."""
    n = STREAM_REFERENCE + STREAM_LENGTH * STREAM_BATCH
    frame = as_sent(make_applications(n, seed=seed_from(rng), start=start_from(rng), months=24))
    frame = frame.drop(columns=LABEL)
    reference = frame.iloc[:STREAM_REFERENCE].reset_index(drop=True)
    batches = []
    start = shift_start(reference)
    for i in range(STREAM_LENGTH):
        lo = STREAM_REFERENCE + i * STREAM_BATCH
        batch = frame.iloc[lo:lo + STREAM_BATCH].reset_index(drop=True)
        if shift is not None and i >= start:
            batch = SHIFTS[shift](batch)
        batches.append(batch)
    return reference, batches
