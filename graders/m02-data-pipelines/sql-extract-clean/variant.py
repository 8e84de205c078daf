"""Per-candidate variant of sql-extract-clean, for hiring assessments.

``academy assess issue`` calls ``make_variant(seed, folder)`` on each candidate's
copy of the exercise. The candidate gets a shop of their own in
``data/shop.db`` (drawn by the same generator as the hidden checks' shops) and
their own cutoff date, and their ``_academy/public.py`` expects the reference
answer on *that* shop: the table one candidate's extract returns is no use to
another. Hidden checks are unchanged (they draw their own shops from the
candidate's grading seed); the notebook's exploration cells still name Ireland,
which every variant shop has.
"""

from __future__ import annotations

import importlib.util
import pprint
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
COUNTRY = "Ireland"
CUTOFFS = ("2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01", "2024-07-01",
           "2024-08-01", "2024-09-01")


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"_sql_extract_clean_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def as_columns(frame: pd.DataFrame) -> dict[str, list[Any]]:
    """The notebook's ``as_columns``: what the public check compares."""
    out = {}
    for name in frame.columns:
        values: list[Any] = []
        for v in frame[name].tolist():
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                values.append(None)
            elif isinstance(v, str):
                values.append(v)
            else:
                values.append(float(v))
        out[str(name)] = values
    return out


def make_variant(seed: int, folder: Path) -> dict[str, Any]:
    data, reference, public = _load("data"), _load("reference"), _load("public")
    rng = np.random.default_rng([seed, 0x5E1])
    cutoff = str(rng.choice(CUTOFFS))
    tables = data.random_tables(rng, COUNTRY, cutoff, n_customers=16)
    db = folder / "data" / "shop.db"
    data.write_db(tables, db)
    expected = as_columns(reference.extract(str(db), COUNTRY, cutoff))
    rows = len(expected["customer_id"])
    customers = len(set(expected["customer_id"]))
    buyers = len({c for c, n in zip(expected["customer_id"], expected["n_orders"], strict=True)
                  if n})
    checks = []
    for spec in public.PUBLIC_CHECKS:
        if spec["id"] == "extract-example":
            spec = {**spec, "title": f"extract on your shop: {COUNTRY}, cutoff {cutoff}",
                    "args": ["data/shop.db", COUNTRY, cutoff], "expected": expected,
                    "message": f"extract gives another table than expected for {COUNTRY} "
                               f"before {cutoff}",
                    "hints": [f"{rows} rows: every version of every record of the "
                              f"{customers} customers in {COUNTRY}, {customers - buyers} of "
                              f"whom have no paid order before {cutoff}. Count each paid "
                              "order once, even when the loader sent it twice, and only "
                              "orders placed before the cutoff day.",
                              *spec["hints"][1:]]}
        checks.append(spec)
    (folder / "_academy" / "public.py").write_text(
        '"""Public checks for sql-extract-clean, on this candidate\'s own shop (a variant).\n\n'
        "Plain data only: this file must import nothing.\n"
        '"""\n\nPUBLIC_CHECKS = ' + pprint.pformat(checks, width=100, sort_dicts=False) + "\n")
    return {"country": COUNTRY, "cutoff": cutoff, "customers": customers, "rows": rows}
