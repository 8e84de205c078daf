"""The project the CI workflow must guard, and the broken commits the grader makes of it.

Runs only in the grader. The good commit is the exercise's own ``data/project`` folder from
the repository (not the learner's copy). Each broken commit changes one thing, chosen and
parameterised by the grading seed, so that exactly one kind of CI step notices:

* ``code``: a plausible bug in ``delivery/features.py`` that only the unit tests catch (the
  data check and the smoke test still pass);
* ``data``: ``data/orders.csv`` breaks the data contract in a way that does not disturb
  training (only ``scripts/check_data.py`` catches it);
* ``model``: the model falls below the quality bar while code and data look fine (only
  ``scripts/smoke_test_model.py`` catches it).

``write_orders(path)`` regenerates the project's data file deterministically.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[2] / "exercises" / HERE.parent.name / HERE.name / "data" / "project"
WORKFLOW = "data/project/.github/workflows/ci.yml"
CITIES = ["Berlin", "Cologne", "Hamburg", "Munich"]


def make_orders(rng: np.random.Generator, n: int) -> pd.DataFrame:
    city = rng.choice(CITIES, n, p=[0.4, 0.15, 0.25, 0.2])
    distance_km = np.round(rng.gamma(2.0, 2.2, n), 2)
    hour = rng.integers(10, 23, n)
    order_value = np.round(rng.lognormal(np.log(28), 0.45, n), 2)
    city_effect = pd.Series(city).map({"Berlin": 0.5, "Cologne": -0.3, "Hamburg": 0.0,
                                       "Munich": -0.6}).to_numpy()
    rush = np.where((hour >= 18) & (hour <= 20), 1.8, 0.0)
    logits = -3.0 + 0.45 * distance_km + rush + city_effect
    late = (rng.random(n) < 1 / (1 + np.exp(-logits))).astype(int)
    return pd.DataFrame({"order_id": np.arange(100_001, 100_001 + n), "order_value": order_value,
                         "distance_km": distance_km, "hour": hour, "city": city, "late": late})


def write_orders(path: Path = PROJECT / "data" / "orders.csv") -> None:
    make_orders(np.random.default_rng(20240910), 1600).to_csv(path, index=False)


def project_files() -> dict[str, bytes]:
    """The good commit: every file of the shipped project except any workflow in it."""
    return {str(p.relative_to(PROJECT)): p.read_bytes() for p in sorted(PROJECT.rglob("*"))
            if p.is_file() and ".github" not in p.relative_to(PROJECT).parts
            and "__pycache__" not in p.parts and ".pytest_cache" not in p.parts}


# --------------------------------------------------------------------------- broken commits

CODE_BUGS = {
    "rush-hour-off-by-one": ('out["hour"].between(*RUSH_HOURS)',
                             '(out["hour"] > RUSH_HOURS[0]) & (out["hour"] <= RUSH_HOURS[1])'),
    "long-distance-inclusive": ('> LONG_DISTANCE_KM', '>= LONG_DISTANCE_KM'),
    "no-distance-floor": ('out["distance_km"].clip(lower=MIN_DISTANCE_KM)',
                          '(out["distance_km"] + MIN_DISTANCE_KM)'),
    "changes-input": ("out = orders.copy()", "out = orders"),
}

DATA_FAULTS = ("unknown-city", "negative-value", "hour-24", "duplicated-ids")

MODEL_FAULTS = ("features-dropped", "labels-shifted")


def _edit(files: dict[str, bytes], path: str, old: str, new: str) -> None:
    text = files[path].decode()
    if old not in text:
        raise ValueError(f"{path} no longer contains {old!r}; update reference.py")
    files[path] = text.replace(old, new, 1).encode()


def _orders(files: dict[str, bytes]) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(files["data/orders.csv"]))


def _put_orders(files: dict[str, bytes], orders: pd.DataFrame) -> None:
    files["data/orders.csv"] = orders.to_csv(index=False).encode()


def broken_commit(kind: str, rng: np.random.Generator) -> tuple[str, dict[str, bytes]]:
    """(what broke, the files of the broken commit) for kind 'code', 'data' or 'model'."""
    files = project_files()
    if kind == "code":
        name = str(rng.choice(sorted(CODE_BUGS)))
        _edit(files, "delivery/features.py", *CODE_BUGS[name])
        return name, files
    orders = _orders(files)
    rows = rng.choice(len(orders), int(rng.integers(3, 12)), replace=False)
    if kind == "data":
        name = str(rng.choice(DATA_FAULTS))
        if name == "unknown-city":
            orders["city"] = orders["city"].astype(object)
            orders.loc[rows, "city"] = str(rng.choice(["Koeln", "Muenchen", "berlin"]))
        elif name == "negative-value":
            orders.loc[rows, "order_value"] = -orders.loc[rows, "order_value"]
        elif name == "hour-24":
            orders.loc[rows, "hour"] = 24
        else:
            orders.loc[rows, "order_id"] = orders.loc[(rows + 1) % len(orders), "order_id"].to_numpy()
        _put_orders(files, orders)
        return name, files
    name = str(rng.choice(MODEL_FAULTS))
    if name == "features-dropped":
        _edit(files, "delivery/model.py", 'NUMERIC = ["distance_km", "is_rush_hour", '
              '"is_long_distance", "value_per_km"]', 'NUMERIC = ["order_value"]')
    else:
        shift = int(rng.integers(1, 50))
        orders["late"] = np.roll(orders["late"].to_numpy(), shift)
        _put_orders(files, orders)
    return name, files
