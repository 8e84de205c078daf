"""Checks for sql-extract-clean: the public examples plus hidden checks on random shops.

``extract`` runs on random SQLite databases written in the sandbox by the runner
built-in ``academy:call_with_sqlite``; its answer is compared with the reference
query run on the same tables here. The three extract checks isolate three
mistakes: which rows come back (joins, filters, order), what the order
aggregates are (re-sent rows, refunds, the cutoff), and whether a market name is
passed as data or pasted into the SQL text.

``clean`` runs on random raw extracts. Its checks isolate parsing and flags,
key-based de-duplication in shuffled input, independence from other customers
(no statistic learned in cleaning) and leaving the input unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from academy.grading.checks import (
    Answer,
    Call,
    HiddenCheck,
    Suite,
    Verdict,
    describe_error,
    public_checks,
)
from academy.runtime import codec

from . import data, reference
from .public import PUBLIC_CHECKS

ROW_COLUMNS = ["customer_id", "updated_at", "segment", "age", "tenure_days"]
KEYS = ["customer_id", "updated_at"]
PLAIN_COUNTRIES = ("Ireland", "Kenya", "Chile", "Portugal")
QUOTED_COUNTRIES = ("Côte d'Ivoire", "Lao People's Democratic Republic",
                    "Narnia' OR '1'='1")
"""Real market names with quotes, and one a user might type to see what happens."""


def _cutoff(rng: np.random.Generator) -> str:
    return (dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 700)))).isoformat()


def _sqlite_call(tables: dict[str, pd.DataFrame], country: str, cutoff: str) -> Call:
    return Call("academy:call_with_sqlite", ("extract", tables, country, cutoff))


def _errors(name: str, answers: Sequence[Answer]) -> Verdict | None:
    """A failing verdict naming the learner's function for the first call that raised."""
    for answer in answers:
        if not answer.ok:
            return Verdict(False, describe_error(name, answer.error or ""))
    return None


def _not_table(name: str, answers: Sequence[Answer], columns: Sequence[str]) -> Verdict | None:
    """A failing verdict unless every answer is a frame holding ``columns``."""
    for answer in answers:
        if not isinstance(answer.value, pd.DataFrame):
            return Verdict(False, f"`{name}` must return a pandas DataFrame")
        missing = [c for c in columns if c not in answer.value.columns]
        if missing:
            return Verdict(False, f"`{name}`'s table lacks the columns {missing}")
    return None


def _table_problem(got: pd.DataFrame, want: pd.DataFrame, columns: Sequence[str]) -> str | None:
    """What is wrong with ``got[columns]``, in words that reveal no hidden value."""
    if len(got) < len(want):
        return "rows are missing"
    if len(got) > len(want):
        return "there are extra rows"
    reason = codec.compare(got[list(columns)].reset_index(drop=True),
                           want[list(columns)].reset_index(drop=True), rtol=1e-6, atol=1e-6)
    if reason is None:
        return None
    if reason.startswith("column "):
        return reason.split(":")[0] + " differs"
    return "the table differs"


def _summary(problems: list[str | None]) -> str:
    bad = [p for p in problems if p]
    kinds = sorted(set(bad))
    return f"{'; '.join(kinds)} (on {len(bad)} of {len(problems)} hidden inputs)"


# ------------------------------------------------------------------------- extract

class ExtractRows(HiddenCheck):
    """Which rows come back, in which order, with the customer columns as stored."""

    function = "extract"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for country in rng.choice(PLAIN_COUNTRIES, 3, replace=False):
            cutoff = _cutoff(rng)
            tables = data.random_tables(rng, str(country), cutoff,
                                        n_customers=int(rng.integers(30, 50)))
            calls.append(_sqlite_call(tables, str(country), cutoff))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _errors("extract", answers) or _not_table("extract", answers, ROW_COLUMNS)
        if failed:
            return failed
        problems = []
        for call, answer in zip(calls, answers, strict=True):
            want = reference.extract_tables(*call.args[1:])
            problems.append(_table_problem(answer.value, want, ROW_COLUMNS))
        if any(problems):
            return Verdict(False, "extract does not return one row per customer record of the "
                           "market, in order: " + _summary(problems))
        return Verdict(True, self.title)


class ExtractAggregates(HiddenCheck):
    """n_orders and revenue of the customer records that came back."""

    function = "extract"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for country in rng.choice(PLAIN_COUNTRIES, 3, replace=False):
            cutoff = _cutoff(rng)
            tables = data.random_tables(rng, str(country), cutoff, resend_rate=0.2,
                                        n_customers=int(rng.integers(30, 50)))
            calls.append(_sqlite_call(tables, str(country), cutoff))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        columns = [*KEYS, "n_orders", "revenue"]
        failed = _errors("extract", answers) or _not_table("extract", answers, columns)
        if failed:
            return failed
        problems: list[str | None] = []
        for call, answer in zip(calls, answers, strict=True):
            want = reference.extract_tables(*call.args[1:])[columns]
            got = answer.value[columns].copy()
            problems.append(_aggregate_problem(got, want))
        if any(problems):
            return Verdict(False, "extract's order counts or revenue are wrong: "
                           + _summary(problems))
        return Verdict(True, self.title)


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["customer_id"] = pd.to_numeric(out["customer_id"], errors="coerce").astype(float)
    out["updated_at"] = [str(v) for v in out["updated_at"].tolist()]
    return out


def _aggregate_problem(got: pd.DataFrame, want: pd.DataFrame) -> str | None:
    got, want = _keyed(got), _keyed(want)
    if got.duplicated(KEYS).any():
        return "a customer record appears in more than one row"
    merged = want.merge(got, on=KEYS, how="left", suffixes=("", "_got"), indicator=True)
    present = (merged["_merge"] == "both").to_numpy()
    if np.any(~present & (merged["n_orders"].to_numpy() > 0)):
        return "customers with paid orders are missing"
    merged = merged[present]
    problems = []
    for column in ("n_orders", "revenue"):
        expected = merged[column].to_numpy(dtype=float)
        actual = pd.to_numeric(merged[column + "_got"], errors="coerce").to_numpy(dtype=float)
        if not np.allclose(actual, expected, rtol=1e-6, atol=1e-6):
            problems.append(f"{column} differs")
    return "; ".join(problems) or None


class ExtractQuotes(HiddenCheck):
    """Market names with quotes reach the query as data (parameters), not as SQL text."""

    function = "extract"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for country in QUOTED_COUNTRIES:
            cutoff = _cutoff(rng)
            tables = data.random_tables(rng, country, cutoff, n_customers=int(rng.integers(20, 30)),
                                        versions=False, resend_rate=0.0, everyone_buys=True)
            calls.append(_sqlite_call(tables, country, cutoff))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        for answer in answers:
            error = answer.error or ""
            if not answer.ok and ("OperationalError" in error or "DatabaseError" in error):
                return Verdict(False, "extract raised an SQL error for a market name that "
                               "contains a quote (the SQL text breaks when a value is pasted "
                               "into it)")
        failed = _errors("extract", answers)
        if failed:
            return failed
        failed = _not_table("extract", answers, KEYS)
        if failed:
            return failed
        problems = []
        for call, answer in zip(calls, answers, strict=True):
            want = reference.extract_tables(*call.args[1:])
            problems.append(_table_problem(_keyed(answer.value), _keyed(want), KEYS))
        if any(problems):
            return Verdict(False, "extract returns the wrong customers for a market name that "
                           "contains a quote: " + _summary(problems))
        return Verdict(True, self.title)


# ------------------------------------------------------------------------- clean

def _decoded(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the sandbox sees it (text columns as object, missing text as None)."""
    return codec.decode(codec.encode(frame))


def _clean_problem(answer: Any, frame: pd.DataFrame) -> str | None:
    if not isinstance(answer, pd.DataFrame):
        return "clean must return a pandas DataFrame"
    if list(answer.columns) != reference.CLEAN_COLUMNS:
        return f"the columns must be {reference.CLEAN_COLUMNS}, in this order"
    want = reference.clean(_decoded(frame))
    return _table_problem(answer, want, reference.CLEAN_COLUMNS)


class CleanAgrees(HiddenCheck):
    """clean on random raw extracts agrees with the reference."""

    function = "clean"

    def __init__(self, id: str, title: str, points: float, *, inputs: dict[str, Any],
                 message: str, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.inputs = inputs
        self.message = message

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("clean", (data.raw_extract(rng, n_customers=n, **self.inputs),))
                for n in (12, 30, 60)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _errors("clean", answers)
        if failed:
            return failed
        problems = [_clean_problem(a.value, c.args[0]) for c, a in zip(calls, answers, strict=True)]
        if any(problems):
            return Verdict(False, f"{self.message}: {_summary(problems)}")
        return Verdict(True, self.title)


class CleanNoStatistics(HiddenCheck):
    """A customer's cleaned row must not change when other customers join the input."""

    function = "clean"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for n in (20, 40):
            base = data.raw_extract(rng, n_customers=n, versions=False, exact_copies=False,
                                    shuffle=False, first_id=1000)
            base.loc[[1, 4], "age"] = None  # always something to fill, if one fills
            base.loc[[2, 5], "segment"] = None
            others = data.raw_extract(rng, n_customers=3 * n, versions=False,
                                      exact_copies=False, shuffle=False, first_id=50000)
            others["age"] = [str(a) for a in rng.integers(85, 99, len(others))]
            others["age"] = others["age"].astype(object)
            usual = reference.normalise_segment(_decoded(base)["segment"]).value_counts()
            rare = min(data.SEGMENTS, key=lambda s: (usual.get(s, 0), s))
            others["segment"] = pd.Series([rare] * len(others), dtype=object)
            both = pd.concat([base, others], ignore_index=True)
            both = both.iloc[rng.permutation(len(both))].reset_index(drop=True)
            calls += [Call("clean", (base,)), Call("clean", (both,))]
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _errors("clean", answers)
        if failed:
            return failed
        changed = 0
        for i in range(0, len(answers), 2):
            alone, together = answers[i].value, answers[i + 1].value
            if not (isinstance(alone, pd.DataFrame) and isinstance(together, pd.DataFrame)) or \
                    "customer_id" not in alone.columns or "customer_id" not in together.columns:
                return Verdict(False, "clean must return a DataFrame with a customer_id column")
            ids = set(alone["customer_id"].tolist())
            mine = together[together["customer_id"].isin(ids)]
            mine = mine.sort_values("customer_id", kind="stable").reset_index(drop=True)
            alone = alone.sort_values("customer_id", kind="stable").reset_index(drop=True)
            if codec.compare(mine, alone, rtol=1e-9, atol=1e-9) is not None:
                changed += 1
        if changed:
            return Verdict(False, "the cleaned rows of some customers change when other customers "
                           "are added to the input: clean learns something from the data "
                           f"(on {changed} of {len(answers) // 2} hidden inputs)")
        return Verdict(True, self.title)


class CleanLeavesInput(HiddenCheck):
    """clean returns a new frame and leaves the caller's frame as it was."""

    function = "clean"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:call_and_inputs", ("clean", data.raw_extract(rng, n_customers=n)))
                for n in (15, 40)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _errors("clean", answers)
        if failed:
            return failed
        for call, answer in zip(calls, answers, strict=True):
            value = answer.value
            if not isinstance(value, dict) or not isinstance(value.get("args"), list):
                return Verdict(False, "clean's input could not be inspected after the call")
            after = value["args"][0]
            before = _decoded(call.args[1])
            if not isinstance(after, pd.DataFrame) or codec.compare(after, before) is not None:
                return Verdict(False, "clean changes the frame it was given (in place); work on a "
                               "copy and return a new frame")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m02-data-pipelines/sql-extract-clean",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        ExtractRows(
            "extract-rows", "extract returns every customer record of the market, in order", 2,
            hints=["Count the rows you expect: one per row of customers in the market, whether or "
                   "not the customer ever paid for anything. Which kind of join keeps rows "
                   "without a partner, and which WHERE condition quietly undoes it?",
                   "Aggregate the paid orders in a WITH clause or subquery, LEFT JOIN it to "
                   "customers, keep only c.country = :country in the outer WHERE, and ORDER BY "
                   "c.customer_id, c.updated_at. Filters on orders inside the outer WHERE turn "
                   "the LEFT JOIN into an inner one."]),
        ExtractAggregates(
            "extract-aggregates", "extract counts each paid order before the cutoff once", 2,
            hints=["Which order rows describe a sale that had happened, and been paid for, when "
                   "the model scores the customer? And how often does a re-sent order count?",
                   "Keep status = 'paid' AND order_date < :cutoff (strictly before), then "
                   "SELECT DISTINCT order_id, customer_id, amount before counting and summing. "
                   "SUM(DISTINCT amount) is not the same thing: two orders can cost the same."]),
        ExtractQuotes(
            "extract-quotes", "extract passes the market name as a query parameter", 1,
            hints=["What does your SQL text look like when the market is Côte d'Ivoire? Print "
                   "it.",
                   "Write placeholders in the SQL (WHERE c.country = :country, or ?) and pass "
                   "the values with pd.read_sql(query, connection, params={'country': country, "
                   "'cutoff': cutoff}). Never build SQL with f-strings, + or %."]),
        CleanAgrees(
            "clean-values", "clean parses ages, flags missing ones and normalises segments", 2,
            inputs={"versions": False, "exact_copies": False, "shuffle": False},
            message="clean's values differ from the rules",
            hints=["Go through the age rules one by one with odd inputs: ' 51', '29.0', 'n/a', "
                   "'', None, '999', '7'. Which become numbers, which become NaN? And is every "
                   "customer still there?",
                   "age = pd.to_numeric(raw.str.strip(), errors='coerce') then "
                   "age.where(age.between(18, 100)); age_missing = age.isna().astype(int); keep "
                   "the NaN (no fillna, no dropna). segment: .str.strip().str.lower(), then "
                   "'unknown' where missing or empty."]),
        CleanAgrees(
            "clean-duplicates", "clean keeps the latest version of each customer", 1,
            inputs={"versions": True, "exact_copies": True, "shuffle": True, "messy": False},
            message="clean keeps other rows than the latest version of each customer",
            hints=["The rows arrive in random order, and versions of one customer differ in "
                   "segment and age, so they are not exact copies. Which row is 'last'?",
                   "Sort by customer_id and pd.to_datetime(updated_at) first, then "
                   "drop_duplicates(subset='customer_id', keep='last'); finally order the "
                   "result by customer_id."]),
        CleanNoStatistics(
            "clean-no-statistics", "clean learns nothing from other customers", 1,
            hints=["Imagine the same customer cleaned in a table of 20 customers and in a table "
                   "of 200. Which of your steps could give a different answer?",
                   "A mean, median or most frequent value computed in clean includes the rows "
                   "that will later be the test set. Flag missing ages with age_missing and leave "
                   "them NaN; use the constant 'unknown' for a missing segment. Fill values are "
                   "learned inside the model pipeline, on training rows only."]),
        CleanLeavesInput(
            "clean-no-mutation", "clean leaves its input unchanged", 1,
            hints=["After clean(raw) returns, is raw still the raw extract? Look for inplace=True "
                   "and for assignments like frame['age'] = ... on the argument.",
                   "Start from a copy (frame = frame.copy()) or only use methods that return new "
                   "frames (assign, sort_values, drop_duplicates without inplace)."]),
    ],
)
