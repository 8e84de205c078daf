"""Oracle and data for retraining-gate. Runs only in the grader, never in a sandbox.

Deliveries come from a known logistic model of lateness (the running example of the
module's lessons). Two regimes: ``CURRENT`` (evening rush, distance matters a lot) and
``OLD`` (the world the production model was trained in: a lunch rush, other city effects).

Each hidden scenario is a training batch, a labelled holdout the learner's pipeline
evaluates on (both sent to the sandbox) and production metrics. Everything the grader
needs to judge whether a decision was *right* is derived from the holdout's content
(``_derived_rng``): the production model (rebuilt here) and a large hidden test set of the
current regime, which never leaves the grader.

The public files are regenerated (deterministically) with
``write_public_data(Path("exercises/m10-pipelines-cicd/retraining-gate/data"))``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

CITIES = ["Berlin", "Cologne", "Hamburg", "Munich"]
COLUMNS = ["order_value", "distance_km", "hour", "city", "late"]
FEATURES = ["order_value", "distance_km", "hour", "city"]
LABEL = "late"
MIN_ROWS = 300
RANGES = {"order_value": (0.0, 1000.0), "distance_km": (0.0, 60.0), "hour": (0, 23),
          "late": (0, 1)}
INTEGER = ("hour", "late")
POLICY = {"metric": "roc_auc", "min_improvement": 0.02}

CURRENT = {"rush": (18, 20), "rush_effect": 1.4, "distance": 0.3,
           "city": {"Berlin": 0.3, "Cologne": -0.2, "Hamburg": 0.0, "Munich": -0.4}}
OLD = {"rush": (12, 13), "rush_effect": 1.0, "distance": 0.25,
       "city": {"Berlin": 0.0, "Cologne": 0.3, "Hamburg": 0.4, "Munich": -0.2}}

BATCH_ROWS = 1500
HOLDOUT_ROWS = 800
TEST_ROWS = 4000
SHUFFLED_SHARE = 0.85
"""Share of a 'worse' batch whose labels a broken join scrambled."""
MARGINAL_GAIN = 0.01
"""How much better than production the candidate is in the 'marginal' scenario
(half of POLICY['min_improvement'])."""


# --------------------------------------------------------------------------- data

def make_batch(rng: np.random.Generator, n: int, regime: dict = CURRENT) -> pd.DataFrame:
    """``n`` delivered orders; ``late`` is 1 when the delivery was late."""
    city = rng.choice(CITIES, n, p=[0.4, 0.15, 0.25, 0.2])
    distance_km = np.round(rng.gamma(2.0, 2.0, n), 2)
    hour = rng.integers(10, 23, n)
    order_value = np.round(rng.lognormal(np.log(28), 0.45, n), 2)
    city_effect = pd.Series(city).map(regime["city"]).to_numpy(dtype=float)
    lo, hi = regime["rush"]
    rush = np.where((hour >= lo) & (hour <= hi), regime["rush_effect"], 0.0)
    logits = -2.3 + regime["distance"] * distance_km + rush + city_effect
    late = (rng.random(n) < 1 / (1 + np.exp(-logits))).astype(np.int64)
    return pd.DataFrame({"order_value": order_value, "distance_km": distance_km,
                         "hour": hour.astype(np.int64), "city": pd.Series(city, dtype=object),
                         "late": late})


def scramble_labels(rng: np.random.Generator, frame: pd.DataFrame,
                    share: float = SHUFFLED_SHARE) -> pd.DataFrame:
    """A join that lost its key: most labels end up on the wrong orders."""
    out = frame.copy()
    rows = rng.choice(len(out), int(share * len(out)), replace=False)
    out.loc[rows, LABEL] = rng.permutation(out.loc[rows, LABEL].to_numpy())
    return out


# --------------------------------------------------------------------------- the oracle

def validate_batch(frame: pd.DataFrame) -> list[str]:
    problems = []
    if len(frame) < MIN_ROWS:
        problems.append(f"volume: {len(frame)} rows, at least {MIN_ROWS} needed")
    for column in COLUMNS:
        if column not in frame.columns:
            problems.append(f"schema: column {column} is missing")
            continue
        values = frame[column]
        nulls = int(values.isna().sum())
        if nulls:
            problems.append(f"nulls: {column} has {nulls} missing values")
        if column == "city":
            unknown = sorted(set(values.dropna().astype(str)) - set(CITIES))
            if unknown:
                problems.append(f"categories: unknown {column} values {unknown[:3]}")
            continue
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            problems.append(f"schema: {column} is {values.dtype}, not numeric")
            continue
        if column in INTEGER and not pd.api.types.is_integer_dtype(values):
            problems.append(f"schema: {column} is {values.dtype}, not integer")
        lo, hi = RANGES[column]
        outside = int(((values < lo) | (values > hi)).sum())
        if outside:
            problems.append(f"range: {outside} {column} values outside [{lo}, {hi}]")
    return problems


def train(frame: pd.DataFrame) -> Any:
    preprocess = ColumnTransformer([
        ("numeric", StandardScaler(), ["order_value", "distance_km"]),
        ("categorical", OneHotEncoder(handle_unknown="ignore"), ["hour", "city"]),
    ])
    model = make_pipeline(preprocess, LogisticRegression(C=1.0, max_iter=1000))
    return model.fit(frame[FEATURES], frame[LABEL])


def evaluate(model: Any, frame: pd.DataFrame) -> dict:
    proba = model.predict_proba(frame[FEATURES])[:, 1]
    return {"roc_auc": float(roc_auc_score(frame[LABEL], proba)), "rows": int(len(frame))}


def gate(candidate: dict, production: dict, problems: list, policy: dict) -> dict:
    if problems:
        return {"decision": "reject", "reason": f"validation: {len(problems)} problem(s)"}
    metric = policy["metric"]
    gain = candidate[metric] - production[metric]
    if gain < policy["min_improvement"]:
        return {"decision": "reject", "reason": f"{metric} gain {gain:+.4f} is below "
                                                f"{policy['min_improvement']}"}
    return {"decision": "promote", "reason": f"{metric} gain {gain:+.4f}"}


def run_pipeline(batch: pd.DataFrame, holdout: pd.DataFrame, production: dict,
                 policy: dict = POLICY) -> dict:
    problems = validate_batch(batch)
    if problems:
        return {**gate({}, production, problems, policy), "problems": problems, "metrics": {}}
    metrics = evaluate(train(batch), holdout)
    return {**gate(metrics, production, [], policy), "problems": [], "metrics": metrics}


# --------------------------------------------------------------------------- scenarios

def _derived_rng(holdout: pd.DataFrame, kind: str) -> np.random.Generator:
    digest = hashlib.sha256(kind.encode() + holdout.to_csv(index=False).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def _production_model(kind: str, holdout: pd.DataFrame) -> Any:
    """The model serving today: trained on the old regime ('better' scenario) or on recent,
    clean data ('worse' scenario)."""
    rng = _derived_rng(holdout, kind)
    return train(make_batch(rng, BATCH_ROWS, OLD if kind == "better" else CURRENT))


def hidden_test(holdout: pd.DataFrame) -> pd.DataFrame:
    """Fresh labelled deliveries of the current regime; they never leave the grader."""
    return make_batch(_derived_rng(holdout, "test"), TEST_ROWS)


def scenario(kind: str, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """(batch, holdout, production metrics) of a 'better', 'worse' or 'marginal' retraining."""
    holdout = make_batch(rng, HOLDOUT_ROWS)
    batch = make_batch(rng, BATCH_ROWS)
    if kind == "worse":
        batch = scramble_labels(rng, batch)
    if kind == "marginal":
        auc = evaluate(train(batch), holdout)["roc_auc"]
        production = {"roc_auc": round(auc - MARGINAL_GAIN, 6), "rows": HOLDOUT_ROWS}
    else:
        production = evaluate(_production_model(kind, holdout), holdout)
    return batch, holdout, production


def right_decision(kind: str, batch: pd.DataFrame, holdout: pd.DataFrame,
                   production: dict) -> str:
    """The decision that is right for the business: in the 'better' and 'worse' scenarios,
    whether the candidate beats the production model on the hidden test set by the margin;
    in the 'marginal' one the gain is, by construction, within the margin."""
    if kind == "marginal":
        return "reject"
    test = hidden_test(holdout)
    candidate = evaluate(train(batch), test)["roc_auc"]
    serving = evaluate(_production_model(kind, holdout), test)["roc_auc"]
    return "promote" if candidate - serving >= POLICY["min_improvement"] else "reject"


# --------------------------------------------------------------------------- corrupted batches

CORRUPTIONS = ("metres", "unknown-city", "null-hours", "missing-column", "text-labels",
               "too-few-rows", "negative-value", "hour-24", "label-2", "null-city",
               "text-values", "half-hours", "huge-order")


def corrupt(rng: np.random.Generator, kind: str, n: int | None = None) -> pd.DataFrame:
    """A batch that breaks the data contract in one way."""
    n = n or int(rng.integers(400, 900))
    frame = make_batch(rng, n if kind != "too-few-rows" else int(rng.integers(60, MIN_ROWS)))
    some = rng.choice(len(frame), int(rng.integers(3, 40)), replace=False)
    one = int(rng.integers(len(frame)))
    if kind == "metres":
        frame["distance_km"] = np.round(frame["distance_km"] * 1000, 0)
    elif kind == "unknown-city":
        frame.loc[some, "city"] = str(rng.choice(["Koeln", "Muenchen", "berlin", "Bremen"]))
    elif kind == "null-hours":
        frame["hour"] = frame["hour"].astype(float)
        frame.loc[some, "hour"] = np.nan
    elif kind == "missing-column":
        frame = frame.drop(columns=str(rng.choice(COLUMNS)))
    elif kind == "text-labels":
        frame["late"] = np.where(frame["late"] == 1, "yes", "no").astype(object)
    elif kind == "negative-value":
        frame.loc[one, "order_value"] = -round(float(frame.loc[one, "order_value"]), 2)
    elif kind == "hour-24":
        frame.loc[one, "hour"] = 24
    elif kind == "label-2":
        frame.loc[one, "late"] = 2
    elif kind == "null-city":
        frame.loc[one, "city"] = None
    elif kind == "text-values":
        frame["order_value"] = [f"{v:.2f}".replace(".", ",") for v in frame["order_value"]]
    elif kind == "half-hours":
        frame["hour"] = frame["hour"].astype(float)
        frame.loc[some, "hour"] = frame.loc[some, "hour"] + 0.5
    elif kind == "huge-order":
        frame.loc[one, "order_value"] = round(float(rng.uniform(1001, 5000)), 2)
    return frame


CLEAN_VARIANTS = ("plain", "reordered", "extra-columns", "boundaries", "int32", "min-rows",
                  "city-absent")


def clean_variant(rng: np.random.Generator, kind: str) -> pd.DataFrame:
    """A batch that meets the contract, in a form a strict validator may trip over."""
    n = MIN_ROWS if kind == "min-rows" else int(rng.integers(400, 900))
    frame = make_batch(rng, n)
    if kind == "reordered":
        frame = frame[list(rng.permutation(COLUMNS))]
    elif kind == "extra-columns":
        frame.insert(0, "order_id", rng.permutation(n).astype(np.int64) + 10_000)
        frame["courier"] = pd.Series(rng.choice(["bike", "car", "scooter"], n), dtype=object)
    elif kind == "boundaries":
        rows = rng.choice(n, 6, replace=False)
        frame.loc[rows[0], "hour"] = 0
        frame.loc[rows[1], "hour"] = 23
        frame.loc[rows[2], "distance_km"] = 0.0
        frame.loc[rows[3], "distance_km"] = 60.0
        frame.loc[rows[4], "order_value"] = 0.0
        frame.loc[rows[5], "order_value"] = 1000.0
    elif kind == "int32":
        frame["hour"] = frame["hour"].astype(np.int32)
        frame["late"] = frame["late"].astype(np.int32)
    elif kind == "city-absent":
        frame.loc[frame["city"] == "Cologne", "city"] = "Hamburg"
    return frame


# --------------------------------------------------------------------------- public files

def write_public_data(folder: Path) -> None:
    """The notebook's files: a clean week, a broken week, the holdout, production metrics."""
    rng = np.random.default_rng(20240807)
    folder.mkdir(parents=True, exist_ok=True)
    holdout = make_batch(rng, HOLDOUT_ROWS)
    week7 = make_batch(rng, BATCH_ROWS)
    week8 = make_batch(rng, 900)
    week8.loc[week8.sample(frac=0.2, random_state=1).index, "city"] = "Koeln"
    week8["hour"] = week8["hour"].astype(float)
    week8.loc[week8.index[:25], "hour"] = np.nan
    production = train(make_batch(rng, BATCH_ROWS, OLD))
    holdout.to_csv(folder / "holdout.csv", index=False)
    week7.to_csv(folder / "week-07.csv", index=False)
    week8.to_csv(folder / "week-08.csv", index=False)
    metrics = {k: round(v, 6) if isinstance(v, float) else v
               for k, v in evaluate(production, holdout).items()}
    (folder / "production_metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
