"""Random shop databases and raw extracts for sql-extract-clean (grader side only).

The same generators build the hidden inputs and the public ``data/shop.db``
(see ``write_public_db``), so the public data looks like what grading uses.

A shop has two tables, both as an ingestion job would leave them:

* ``customers`` - one row per *version* of a customer record: the CRM export
  appends a row whenever a record changes, so a ``customer_id`` can appear
  several times with different ``updated_at``. ``segment`` and ``age`` are
  free text typed by people (case, spaces, placeholders, sentinel ages).
* ``orders`` - one row per order, except that the loader sometimes re-sends a
  batch, so some rows are exact copies. Orders of unknown customers exist.

The public file is regenerated (deterministically) with
``write_db(public_tables(), Path("exercises/m02-data-pipelines/sql-extract-clean/data/shop.db"))``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd

SEGMENTS = ("consumer", "small business", "enterprise")
PRICES = (9.99, 19.99, 24.5, 49.0, 99.0)
"""Few price points, so two different orders of one customer often cost the same."""
STATUSES = ("paid", "refunded", "cancelled")
OTHER_COUNTRIES = ("Portugal", "Germany", "Ireland", "Poland", "Kenya", "Chile")
MISSING_AGE_TEXT = ("", "n/a", "unknown", "?", "  ")
BAD_AGES = ("999", "0", "-1", "7", "150", "17", "101")


def _text_column(values: list[str | None]) -> pd.Series:
    return pd.Series(values, dtype=object)


def messy_segment(rng: np.random.Generator, canonical: str, messy: bool = True) -> str | None:
    """A segment as a person might type it."""
    if not messy:
        return canonical
    r = rng.random()
    if r < 0.06:
        return None
    if r < 0.10:
        return str(rng.choice(["", "   "]))
    return [canonical, canonical.upper(), canonical.title(), f"  {canonical} ",
            f"{canonical.capitalize()} "][int(rng.integers(5))]


def messy_age(rng: np.random.Generator, age: int, messy: bool = True) -> str | None:
    """An age stored as text: padded, with '.0', a placeholder, a sentinel or missing."""
    if not messy:
        return str(age)
    r = rng.random()
    if r < 0.07:
        return None
    if r < 0.11:
        return str(rng.choice(MISSING_AGE_TEXT))
    if r < 0.16:
        return str(rng.choice(BAD_AGES))
    return [str(age), f" {age}", f"{age} ", f"{age}.0", f" {age}.0 "][int(rng.integers(5))]


def _stamp(day: dt.date, seconds: int) -> str:
    moment = dt.datetime(day.year, day.month, day.day) + dt.timedelta(seconds=int(seconds))
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _versions(rng: np.random.Generator, n: int, signup: dt.date, cutoff: dt.date) -> list[str]:
    """n distinct update times between sign-up and the cutoff, oldest first."""
    span = max(1, (cutoff - signup).days - 1) * 86400
    offsets = np.sort(rng.choice(span, n, replace=False))
    return [_stamp(signup, int(s)) for s in offsets]


def random_tables(rng: np.random.Generator, country: str, cutoff: str, *, n_customers: int = 40,
                  versions: bool = True, resend_rate: float = 0.12, everyone_buys: bool = False,
                  share_in_country: float = 0.5, messy: bool = True) -> dict[str, pd.DataFrame]:
    """A random shop; about ``share_in_country`` of the customers live in ``country``.

    ``everyone_buys`` gives every customer at least one paid order before the cutoff;
    ``versions`` lets customers have several record versions; ``resend_rate`` is the
    share of order rows loaded twice.
    """
    cut = dt.date.fromisoformat(cutoff)
    ids = rng.choice(np.arange(100, 10000), n_customers, replace=False)
    in_country = rng.random(n_customers) < share_in_country
    in_country[:2] = [True, False]  # never empty, never only the target country
    customers: dict[str, list] = {k: [] for k in
                                  ("customer_id", "country", "segment", "age", "signup_date",
                                   "updated_at")}
    orders: dict[str, list] = {k: [] for k in
                               ("order_id", "customer_id", "order_date", "amount", "status")}
    next_order = int(rng.integers(10000, 20000))
    for cid, here in zip(ids, in_country, strict=True):
        home = country if here else str(rng.choice([c for c in OTHER_COUNTRIES if c != country]))
        signup = cut - dt.timedelta(days=int(rng.integers(30, 1500)))
        n_versions = 1 + int(rng.random() < 0.35) * int(rng.integers(1, 3)) if versions else 1
        age = int(rng.integers(18, 90))
        segment = str(rng.choice(SEGMENTS))
        for stamp in _versions(rng, n_versions, signup, cut):
            if rng.random() < 0.4:  # a later version changes the segment or corrects the age
                segment = str(rng.choice(SEGMENTS))
            if rng.random() < 0.4:
                age = int(np.clip(age + rng.integers(-3, 4), 18, 95))
            customers["customer_id"].append(int(cid))
            customers["country"].append(home)
            customers["segment"].append(messy_segment(rng, segment, messy))
            customers["age"].append(messy_age(rng, age, messy))
            customers["signup_date"].append(signup.isoformat())
            customers["updated_at"].append(stamp)
        n_orders = int(rng.poisson(3.0))
        if everyone_buys:
            n_orders = max(n_orders, 1)
        horizon = (cut - signup).days + 60
        for k in range(n_orders):
            if everyone_buys and k == 0:
                day = signup + dt.timedelta(days=int(rng.integers(0, (cut - signup).days)))
                status = "paid"
            else:
                day = signup + dt.timedelta(days=int(rng.integers(0, horizon)))
                if rng.random() < 0.1:
                    day = cut  # on the cutoff day: not before it
                status = str(rng.choice(STATUSES, p=[0.75, 0.15, 0.10]))
            orders["order_id"].append(next_order)
            orders["customer_id"].append(int(cid))
            orders["order_date"].append(day.isoformat())
            orders["amount"].append(float(rng.choice(PRICES)))
            orders["status"].append(status)
            next_order += int(rng.integers(1, 4))
    for _ in range(3):  # orders of customers the CRM does not know (deleted accounts)
        orders["order_id"].append(next_order)
        orders["customer_id"].append(int(rng.integers(10000, 11000)))
        orders["order_date"].append((cut - dt.timedelta(days=int(rng.integers(1, 300)))).isoformat())
        orders["amount"].append(float(rng.choice(PRICES)))
        orders["status"].append("paid")
        next_order += 1
    cust = pd.DataFrame({
        "customer_id": np.array(customers["customer_id"], dtype=np.int64),
        **{k: _text_column(customers[k]) for k in ("country", "segment", "age", "signup_date",
                                                   "updated_at")},
    })
    order = pd.DataFrame({
        "order_id": np.array(orders["order_id"], dtype=np.int64),
        "customer_id": np.array(orders["customer_id"], dtype=np.int64),
        "order_date": _text_column(orders["order_date"]),
        "amount": np.array(orders["amount"], dtype=np.float64),
        "status": _text_column(orders["status"]),
    })
    if resend_rate > 0 and len(order):
        resent = order.iloc[np.flatnonzero(rng.random(len(order)) < resend_rate)]
        order = pd.concat([order, resent], ignore_index=True)
    cust = cust.iloc[rng.permutation(len(cust))].reset_index(drop=True)
    order = order.iloc[rng.permutation(len(order))].reset_index(drop=True)
    return {"customers": cust, "orders": order}


def raw_extract(rng: np.random.Generator, *, n_customers: int = 30, versions: bool = True,
                exact_copies: bool = True, shuffle: bool = True, messy: bool = True,
                first_id: int | None = None) -> pd.DataFrame:
    """A frame shaped like extract()'s answer: one row per customer record version."""
    rows: dict[str, list] = {k: [] for k in ("customer_id", "updated_at", "segment", "age",
                                             "tenure_days", "n_orders", "revenue")}
    start = int(rng.integers(100, 5000)) if first_id is None else first_id
    ids = start + np.sort(rng.choice(np.arange(3 * n_customers), n_customers, replace=False))
    cut = dt.date(2024, 7, 1)
    for cid in ids:
        tenure = int(rng.integers(30, 1500))
        signup = cut - dt.timedelta(days=tenure)
        n_orders = int(rng.poisson(3.0))
        revenue = float(np.round(rng.choice(PRICES, n_orders).sum(), 2)) if n_orders else 0.0
        n_versions = 1 + int(rng.random() < 0.5) * int(rng.integers(1, 3)) if versions else 1
        age = int(rng.integers(18, 90))
        segment = str(rng.choice(SEGMENTS))
        for stamp in _versions(rng, n_versions, signup, cut):
            if versions:  # later versions differ, so keeping the wrong one shows
                segment = str(rng.choice([s for s in SEGMENTS if s != segment]))
                age = int(np.clip(age + rng.choice([-2, -1, 1, 2]), 18, 95))
            rows["customer_id"].append(int(cid))
            rows["updated_at"].append(stamp)
            rows["segment"].append(messy_segment(rng, segment, messy))
            rows["age"].append(messy_age(rng, age, messy))
            rows["tenure_days"].append(float(tenure))
            rows["n_orders"].append(n_orders)
            rows["revenue"].append(revenue)
    frame = pd.DataFrame({
        "customer_id": np.array(rows["customer_id"], dtype=np.int64),
        "updated_at": _text_column(rows["updated_at"]),
        "segment": _text_column(rows["segment"]),
        "age": _text_column(rows["age"]),
        "tenure_days": np.array(rows["tenure_days"], dtype=np.float64),
        "n_orders": np.array(rows["n_orders"], dtype=np.int64),
        "revenue": np.array(rows["revenue"], dtype=np.float64),
    })
    if exact_copies:
        copies = frame.iloc[np.flatnonzero(rng.random(len(frame)) < 0.1)]
        frame = pd.concat([frame, copies], ignore_index=True)
    if shuffle:
        frame = frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
    else:
        frame = frame.sort_values(["customer_id", "updated_at"], kind="stable")
        frame = frame.reset_index(drop=True)
    return frame


# ----------------------------------------------------------------- the public database

PUBLIC_CUTOFF = "2024-07-01"
PUBLIC_COUNTRY = "Ireland"


def public_tables() -> dict[str, pd.DataFrame]:
    """The public shop: a hand-written Irish slice (every case the notebook discusses)
    plus random customers elsewhere, Cote d'Ivoire included (try it: a quote)."""
    rng = np.random.default_rng(2024)
    others = random_tables(rng, "Côte d'Ivoire", PUBLIC_CUTOFF, n_customers=30,
                           share_in_country=0.3)
    kept = others["customers"]
    kept = kept[(kept["country"] != "Ireland") & (kept["customer_id"] >= 200)
                & (kept["customer_id"] != 999)]
    others["customers"] = kept
    others["orders"] = others["orders"][others["orders"]["customer_id"].isin(kept["customer_id"])]
    customers = pd.DataFrame(
        [
            # id, country, segment, age, signup_date, updated_at
            (101, "Ireland", "Consumer", "34", "2021-03-14", "2021-03-14 09:12:00"),
            (102, "Ireland", "  small business ", " 51", "2022-11-02", "2022-11-02 16:40:10"),
            (103, "Ireland", "ENTERPRISE", "n/a", "2020-06-30", "2020-06-30 10:00:00"),
            (103, "Ireland", "enterprise", "47", "2020-06-30", "2023-01-09 08:30:00"),
            (104, "Ireland", None, "999", "2023-08-19", "2023-08-19 12:00:00"),
            (105, "Ireland", "consumer", None, "2024-02-01", "2024-02-01 18:05:00"),
            (106, "Ireland", "Small Business", "29.0", "2019-12-01", "2019-12-01 11:11:11"),
            (106, "Ireland", "consumer", "29.0", "2019-12-01", "2022-05-20 14:00:00"),
            (106, "Ireland", "enterprise", "30", "2019-12-01", "2024-03-03 07:45:00"),
            (107, "Ireland", "", "unknown", "2024-05-27", "2024-05-27 20:20:20"),
        ],
        columns=["customer_id", "country", "segment", "age", "signup_date", "updated_at"],
    )
    orders = pd.DataFrame(
        [
            # order_id, customer_id, order_date, amount, status
            (5001, 101, "2023-01-10", 19.99, "paid"),
            (5002, 101, "2024-02-11", 19.99, "paid"),        # same amount, another order
            (5003, 101, "2024-06-30", 49.0, "paid"),
            (5003, 101, "2024-06-30", 49.0, "paid"),         # re-sent: the same order twice
            (5004, 101, "2024-07-01", 99.0, "paid"),         # on the cutoff day: not before it
            (5005, 102, "2024-03-03", 24.5, "refunded"),     # only a refunded order
            (5006, 103, "2021-08-08", 99.0, "paid"),
            (5007, 103, "2022-02-02", 9.99, "cancelled"),
            (5008, 103, "2024-08-15", 49.0, "paid"),         # after the cutoff: the future
            (5009, 104, "2024-01-20", 24.5, "paid"),
            (5010, 104, "2024-04-04", 24.5, "paid"),
            (5010, 104, "2024-04-04", 24.5, "paid"),         # re-sent
            (5011, 106, "2020-01-15", 9.99, "paid"),
            (5012, 106, "2024-06-01", 19.99, "refunded"),
            (5013, 999, "2024-05-05", 49.0, "paid"),         # a customer the CRM lost
        ],
        columns=["order_id", "customer_id", "order_date", "amount", "status"],
    )
    customers = pd.concat([customers, others["customers"]], ignore_index=True)
    orders = pd.concat([orders, others["orders"]], ignore_index=True)
    for frame in (customers, orders):
        for col in frame.columns:
            if frame[col].dtype.kind not in "if":
                frame[col] = _text_column(frame[col].tolist())
    return {"customers": customers, "orders": orders}


def write_db(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """Write the tables to a new SQLite file, as the grader's sandbox does."""
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        for name, frame in tables.items():
            frame.to_sql(name, connection, index=False)
        connection.commit()
    finally:
        connection.close()
