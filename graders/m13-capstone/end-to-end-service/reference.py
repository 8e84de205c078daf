"""The oracle for end-to-end-service: the capstone's data generator, the model artifact the
grader trains and puts into each build context, the hidden applications it sends and the
probabilities the service must answer.

Runs only in the grader. The notebook's locked setup cell holds copies of
``make_applications``, ``fit_pipeline`` and ``write_artifacts`` (it writes the sample
``data/scorer/model.pkl`` and ``model.json``); they must stay identical to these, and
``make_applications`` to lesson 04's.
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

NUMERIC = ["age", "income", "loan_amount", "term_months", "debt_to_income",
           "credit_history_years", "num_late_payments"]
CATEGORICAL = ["home_ownership", "purpose"]
FEATURES = NUMERIC + CATEGORICAL
HOME = ["rent", "own", "mortgage"]
PURPOSES = ["car", "home_improvement", "debt_consolidation", "other"]
TERMS = [12, 24, 36, 60]
DROPPABLE = ["age", "term_months", "credit_history_years"]
"""The grader's model leaves out one of these (seeded): the service must score the
features model.json lists, not a list of its own."""

LOCK = Path(__file__).resolve().parents[3] / "catalog" / "lab-wheels.lock"
PICKLED_WITH = ("scikit-learn", "numpy", "pandas")


def make_applications(n, seed=0, start="2023-01-01", months=18):
    """The synthetic extract of the project brief."""
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


def fit_pipeline(train, features=FEATURES, C=1.0):
    """The capstone's pipeline (scaled numbers, one-hot categories, logistic regression),
    fitted on the rows of *train* and the columns *features*."""
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numeric = [c for c in features if c in NUMERIC]
    categorical = [c for c in features if c in CATEGORICAL]
    pipeline = Pipeline([
        ("prep", ColumnTransformer([("num", StandardScaler(), numeric),
                                    ("cat", OneHotEncoder(handle_unknown="ignore"), categorical)])),
        ("clf", LogisticRegression(C=C, max_iter=1_000)),
    ])
    return pipeline.fit(train[list(features)], train["defaulted"])


def model_hash(pipeline):
    """Lesson 04's short fingerprint: the scaler's statistics and the coefficients."""
    clf = pipeline.named_steps["clf"]
    scaler = pipeline.named_steps["prep"].named_transformers_["num"]
    params = np.concatenate([scaler.mean_, scaler.scale_, clf.coef_.ravel(), clf.intercept_])
    return hashlib.sha256(params.astype("<f8").tobytes()).hexdigest()


def write_artifacts(pipeline, X_train, folder):
    """model.pkl and model.json (hash, file hash, features, self-test) into *folder*."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    features = list(X_train.columns)
    blob = pickle.dumps(pipeline)
    (folder / "model.pkl").write_bytes(blob)
    first = X_train.iloc[[0]]
    meta = {
        "model_hash": model_hash(pipeline),
        "file_sha256": hashlib.sha256(blob).hexdigest(),
        "features": features,
        "self_test": {"input": first.to_dict(orient="records")[0],
                      "probability": float(pipeline.predict_proba(first)[0, 1])},
    }
    (folder / "model.json").write_text(json.dumps(meta, indent=2, default=lambda v: v.item()))
    return meta


# --- the grader's model ------------------------------------------------------------------

def lab_versions(lock: Path = LOCK) -> dict[str, str]:
    """The versions the lab's wheelhouse pins (what the learner's image runs)."""
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", lock.read_text(), re.MULTILINE)
    return {name.lower(): version for name, version in pins}


def check_versions() -> None:
    """The grader pickles the model with its own libraries and the learner's image unpickles
    it with the wheelhouse's: they must be the same versions, or grading is not honest."""
    from importlib.metadata import version

    pinned = lab_versions()
    differ = [f"{name} {version(name)} here, {pinned.get(name)} in the lab"
              for name in PICKLED_WITH if pinned.get(name) != version(name)]
    if differ:
        raise RuntimeError("the grader cannot pickle a model the lab's image can load: "
                           + "; ".join(differ))


def seeded_model(rng: np.random.Generator) -> dict[str, Any]:
    """A model the learner has never seen: new rows, a new C, one feature left out.

    Answers ``{"pipeline", "features", "files": {"model.pkl", "model.json"}, "meta"}``."""
    import tempfile

    check_versions()
    seed = int(rng.integers(1_000, 2**31))
    n = int(rng.integers(4_000, 9_000))
    start = pd.Timestamp("2023-01-01") + pd.Timedelta(days=int(rng.integers(0, 400)))
    C = float(np.round(10 ** rng.uniform(-1.5, 0.7), 4))
    dropped = str(rng.choice(DROPPABLE))
    features = [f for f in FEATURES if f != dropped]
    order = rng.permutation(len(features))
    features = [features[i] for i in order]
    data = make_applications(n, seed=seed, start=str(start.date()))
    train = data[data["applied_at"] < start + pd.Timedelta(days=365)]
    pipeline = fit_pipeline(train, features, C)
    with tempfile.TemporaryDirectory(prefix="academy-scorer-") as tmp:
        meta = write_artifacts(pipeline, train[features], tmp)
        files = {name: (Path(tmp) / name).read_bytes() for name in ("model.pkl", "model.json")}
    return {"pipeline": pipeline, "features": features, "files": files, "meta": meta}


def probabilities(pipeline: Any, applications: list[dict[str, Any]]) -> list[float]:
    frame = pd.DataFrame(applications)
    return [float(p) for p in pipeline.predict_proba(frame)[:, 1]]


# --- requests ------------------------------------------------------------------------------

BOUNDS = {"age": (18, 100), "loan_amount": (1_000, 25_000), "debt_to_income": (0.0, 1.5),
          "credit_history_years": (0.0, 82.0)}


def cents(rng: np.random.Generator, low: float, high: float) -> float:
    """A money amount with cents that are not zero (distinctive in a response body)."""
    return round(float(rng.uniform(low, high)), 0) + int(rng.integers(11, 99)) / 100


def application(rng: np.random.Generator, edge: bool = False) -> dict[str, Any]:
    """A valid application; with *edge*, a few fields sit exactly on a bound."""
    age = int(rng.integers(18, 101))
    row: dict[str, Any] = {
        "age": age,
        "income": cents(rng, 9_000, 160_000),
        "loan_amount": cents(rng, 1_000, 24_900),
        "term_months": int(rng.choice(TERMS)),
        "debt_to_income": round(float(rng.uniform(0, 1.5)), 3),
        "credit_history_years": round(float(rng.uniform(0, max(age - 18, 0))), 1),
        "num_late_payments": int(rng.poisson(0.8)),
        "home_ownership": str(rng.choice(HOME)),
        "purpose": str(rng.choice(PURPOSES)),
    }
    if edge:
        for name in rng.choice(list(BOUNDS), size=2, replace=False):
            low, high = BOUNDS[str(name)]
            row[str(name)] = low if rng.random() < 0.5 else high
        if rng.random() < 0.5:
            row["num_late_payments"] = int(rng.integers(6, 30))
    return row


def valid_applications(rng: np.random.Generator, n: int = 10) -> list[dict[str, Any]]:
    return [application(rng, edge=i % 3 == 2) for i in range(n)]


WRONG_TYPES: dict[str, list[Any]] = {
    "age": ["forty-one", [41], {"years": 41}, None],
    "income": ["plenty", [52000.5], {"eur": 52000}, None],
    "loan_amount": ["ten thousand", [9500.5], {"eur": 9500}, None],
    "term_months": ["three years", [36], None],
    "num_late_payments": ["several", [2], {"n": 2}, None],
    "home_ownership": [3, ["rent"], {"kind": "rent"}, None],
    "purpose": [7, ["car"], {"kind": "car"}, None],
}
UNKNOWN = {"home_ownership": ["council", "caravan", "boarding", "lodging"],
           "purpose": ["holiday", "wedding", "crypto", "tuition", "jewellery"]}
EXTRA = ["recovery_amount", "defaulted", "application_id", "applied_at", "email",
         "employer_name", "credit_score"]
FINITE = ["income", "loan_amount", "debt_to_income", "credit_history_years"]


def out_of_range(rng: np.random.Generator, name: str) -> float | int:
    low = bool(rng.random() < 0.5)
    if name == "age":
        return int(rng.integers(3, 18)) if low else int(rng.integers(101, 140))
    if name == "income":
        return -cents(rng, 0, 40_000) if low else 0.0
    if name == "loan_amount":
        return cents(rng, 10, 990) if low else cents(rng, 25_001, 90_000)
    if name == "debt_to_income":
        return -round(float(rng.uniform(0.01, 3)), 3) if low else round(float(rng.uniform(1.51, 9)), 3)
    if name == "credit_history_years":
        return -round(float(rng.uniform(0.1, 20)), 1) if low else round(float(rng.uniform(82.1, 300)), 1)
    if name == "num_late_payments":
        return -int(rng.integers(1, 20))
    return int(rng.choice([0, 6, 18, 30, 48, 72, 120]))  # term_months outside 12/24/36/60


def _secrets(row: dict[str, Any]) -> list[str]:
    """Values of an application that a 422 body must not echo (money with cents)."""
    return [json.dumps(row[k]) for k in ("income", "loan_amount") if isinstance(row.get(k), float)
            and math.isfinite(row[k]) and not float(row[k]).is_integer()]


def malformed_requests(rng: np.random.Generator) -> list[dict[str, Any]]:
    """Seeded bad requests ``{"kind", "field", "body", "secrets"}``: ``field`` is what the
    422 body must name, ``secrets`` the submitted values it must not echo. A body given as
    text is sent as is (the NaN literal)."""
    cases: list[dict[str, Any]] = []
    for name in rng.choice(FEATURES, size=2, replace=False):
        row = application(rng)
        secrets = _secrets(row)
        del row[str(name)]
        cases.append({"kind": "missing field", "field": str(name), "body": row,
                      "secrets": [s for s in secrets if s in json.dumps(row)]})
    row = application(rng)
    extra = str(rng.choice(EXTRA))
    row[extra] = cents(rng, 100, 9_000) if extra != "email" else "applicant@example.org"
    cases.append({"kind": "extra field", "field": extra, "body": row,
                  "secrets": _secrets(row) + [json.dumps(row[extra])]})
    name = str(rng.choice(list(UNKNOWN)))
    row = application(rng)
    row[name] = str(rng.choice(UNKNOWN[name]))
    cases.append({"kind": "unknown category", "field": name, "body": row,
                  "secrets": _secrets(row) + [json.dumps(row[name])]})
    for name in rng.choice(list(BOUNDS) + ["income", "num_late_payments", "term_months"],
                           size=2, replace=False):
        row = application(rng)
        row[str(name)] = out_of_range(rng, str(name))
        secret = [json.dumps(row[str(name)])] if isinstance(row[str(name)], float) and \
            not float(row[str(name)]).is_integer() else []
        cases.append({"kind": "out of range", "field": str(name), "body": row,
                      "secrets": _secrets(row) + secret})
    for name in rng.choice(list(WRONG_TYPES), size=2, replace=False):
        row = application(rng)
        choices = WRONG_TYPES[str(name)]
        row[str(name)] = choices[int(rng.integers(len(choices)))]
        value = row[str(name)]
        secret = [json.dumps(value)] if isinstance(value, str) else []
        cases.append({"kind": "wrong type", "field": str(name), "body": row,
                      "secrets": _secrets(row) + secret})
    name = str(rng.choice(FINITE))
    row = application(rng)
    row[name] = math.nan
    cases.append({"kind": "NaN literal", "field": name, "body": json.dumps(row),
                  "secrets": _secrets(row)})
    order = rng.permutation(len(cases))
    return [cases[i] for i in order]
