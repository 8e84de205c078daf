"""Oracle for batch-validator. Runs only in the grader, never in a sandbox.

The contract and the reference sample are the public files shipped with the
exercise (``exercises/m03-data-validation/batch-validator/data/``), read from
there so that they have one home. ``draw_orders`` is the population the
reference sample was drawn from; the checks draw their hidden batches from it.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

DATA = (Path(__file__).resolve().parents[3] / "exercises" / "m03-data-validation"
        / "batch-validator" / "data")
RULES = ("schema", "nulls", "range", "category", "drift")

# The population of clean order batches (one row per delivered or cancelled order).
CITIES = ["Berlin", "Cologne", "Frankfurt", "Hamburg", "Leipzig", "Munich"]
CITY_P = [0.34, 0.14, 0.09, 0.22, 0.01, 0.20]
PAYMENTS = ["card", "cash", "paypal", "voucher"]
PAYMENT_P = [0.55, 0.12, 0.25, 0.08]
PAYMENT_NULL = 0.005
DISCOUNTS = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]
DISCOUNT_P = [0.55, 0.08, 0.10, 0.07, 0.06, 0.04, 0.03, 0.02, 0.05]
DELIVERY_NULL = 0.02


def draw_orders(rng: np.random.Generator, n: int, *, city_p=CITY_P, payment_p=PAYMENT_P,
                discount_p=DISCOUNT_P, value_scale: float = 1.0,
                delivery_shift: float = 0.0) -> pd.DataFrame:
    """n clean orders; the keyword arguments shift the population (drift)."""
    value = np.round(np.exp(rng.normal(np.log(28.0), 0.45, n)) * value_scale, 2)
    discount = rng.choice(DISCOUNTS, size=n, p=discount_p)
    minutes = np.round(8.0 + delivery_shift + rng.gamma(4.0, 6.5, n))
    minutes[rng.random(n) < DELIVERY_NULL] = np.nan
    items = 1 + rng.poisson(1.8, n).astype(np.int64)
    city = rng.choice(CITIES, size=n, p=city_p).astype(object)
    payment = rng.choice(PAYMENTS, size=n, p=payment_p).astype(object)
    payment[rng.random(n) < PAYMENT_NULL] = None
    return pd.DataFrame({
        "order_value": value, "discount": discount, "delivery_minutes": minutes,
        "items": items, "city": pd.Series(city, dtype=object),
        "payment": pd.Series(payment, dtype=object),
    })


def load_contract() -> dict:
    return json.loads((DATA / "contract.json").read_text())


def load_reference() -> pd.DataFrame:
    return pd.read_csv(DATA / "reference.csv")


CONTRACT = load_contract() if (DATA / "contract.json").is_file() else None
REFERENCE = load_reference() if (DATA / "reference.csv").is_file() else None


def column_kind(series: pd.Series) -> str:
    return "numeric" if pd.api.types.is_numeric_dtype(series) else "text"


def per_test_alpha(contract: dict | None = None) -> float:
    contract = contract or CONTRACT
    return contract["drift"]["alpha"] / len(contract["columns"])


@functools.cache
def _reference_values(column: str) -> np.ndarray:
    return REFERENCE[column].dropna().to_numpy(dtype=float)


@functools.cache
def _reference_shares(column: str) -> np.ndarray:
    counts = REFERENCE[column].dropna().value_counts()
    cats = CONTRACT["columns"][column]["categories"]
    observed = np.array([counts.get(c, 0) for c in cats], dtype=float)
    return observed / observed.sum()


def drift_pvalue(column: str, values: pd.Series, contract: dict | None = None,
                 reference: pd.DataFrame | None = None) -> float | None:
    """p-value of the drift test of one usable column (None when there is nothing to test).

    Numeric: two-sample Kolmogorov-Smirnov test against the reference sample. Text:
    chi-square goodness of fit of the counts per contract category (other values and
    nulls left out) against the reference shares. Nulls are dropped first.
    """
    default = contract is None and reference is None
    contract = contract or CONTRACT
    reference = REFERENCE if reference is None else reference
    spec = contract["columns"][column]
    values = values.dropna()
    if spec["kind"] == "numeric":
        if len(values) == 0:
            return None
        ref = (_reference_values(column) if default
               else reference[column].dropna().to_numpy(dtype=float))
        return float(stats.ks_2samp(values.to_numpy(dtype=float), ref).pvalue)
    counts = values.value_counts()
    observed = np.array([counts.get(c, 0) for c in spec["categories"]], dtype=float)
    if observed.sum() == 0:
        return None
    if default:
        shares = _reference_shares(column)
    else:
        ref_counts = reference[column].dropna().value_counts()
        shares = np.array([ref_counts.get(c, 0) for c in spec["categories"]], dtype=float)
        shares = shares / shares.sum()
    return float(stats.chisquare(observed, shares * observed.sum()).pvalue)


def analyse(batch: pd.DataFrame, contract: dict | None = None,
            reference: pd.DataFrame | None = None) -> tuple[set[tuple[str, str]], dict]:
    """The failing (rule, column) pairs and the drift p-value of every tested column."""
    contract = contract or CONTRACT
    reference = REFERENCE if reference is None else reference
    batch = pd.DataFrame(batch)
    problems: set[tuple[str, str]] = set()
    pvalues: dict[str, float] = {}
    usable = []
    for column, spec in contract["columns"].items():
        if column not in batch.columns or column_kind(batch[column]) != spec["kind"]:
            problems.add(("schema", column))
        else:
            usable.append(column)
    for column in batch.columns:
        if column not in contract["columns"]:
            problems.add(("schema", str(column)))
    level = per_test_alpha(contract)
    for column in usable:
        spec, values = contract["columns"][column], batch[column]
        if values.isna().mean() > spec["max_null_rate"]:
            problems.add(("nulls", column))
        present = values.dropna()
        if spec["kind"] == "numeric":
            if ((present < spec["min"]) | (present > spec["max"])).any():
                problems.add(("range", column))
        elif (~present.isin(spec["categories"])).any():
            problems.add(("category", column))
        p = drift_pvalue(column, values, contract, reference)
        if p is not None:
            pvalues[column] = p
            if p < level:
                problems.add(("drift", column))
    return problems, pvalues


def validate(batch) -> dict:
    """The answer the learner's validate must give."""
    problems, _ = analyse(pd.DataFrame(batch))
    ordered = sorted(problems, key=lambda p: (p[1], p[0]))
    return {"valid": not ordered,
            "problems": [{"rule": rule, "column": column} for rule, column in ordered]}
