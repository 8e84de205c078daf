"""Checks for batch-validator: the public examples plus hidden batches.

Every hidden batch is drawn from the population the reference sample came from
(``reference.draw_orders``), then corrupted on purpose or left clean. A batch is
kept only if the reference validator finds exactly the problems that were
planted, with every drift p-value far from the decision level: above 0.1 for
clean columns, below a hundredth of the per-test level for drifted ones. So
any validator that follows the rules in the notebook gets the same verdicts,
whatever library computes its p-values, and each check fails for a reason.

* ``clean-accepted``: clean batches (values on the bounds, allowed nulls, a
  rare category absent, columns in another order) must all pass;
* ``no-false-drift``: clean batches whose smallest drift p-value lies between
  the Bonferroni level and 0.01, the false alarms of testing many columns at
  an uncorrected level;
* ``detect-*``: recall per corruption family (the batch must be flagged);
* ``attribution``: batches with several planted problems; the problems must
  name exactly the failing rules and columns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from academy.grading.checks import (
    Answer,
    Call,
    HiddenCheck,
    Suite,
    Verdict,
    first_error,
    public_checks,
)
from academy.runtime import codec

from . import reference
from .public import PUBLIC_CHECKS

MAX_TRIES = 3000
SAFE_P = 0.1  # clean columns: every drift p-value above this
BORDER = (0.005, 0.009)  # no-false-drift: the smallest p-value lies in here
COLUMNS = list(reference.CONTRACT["columns"])
Problems = set[tuple[str, str]]
Corruption = Callable[[np.random.Generator, pd.DataFrame], tuple[pd.DataFrame, Problems]]


# --- batches ------------------------------------------------------------------------------

def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame exactly as the learner's function will receive it."""
    return codec.decode(codec.encode(frame))


def _ensure(frame: pd.DataFrame, rng: np.random.Generator, column: str, values: Sequence) -> None:
    """Put each of *values* in at least one row of *column* (rows chosen at random)."""
    for value in values:
        present = frame[column].isna() if value is None else frame[column] == value
        if not present.any():
            frame.loc[int(rng.integers(len(frame))), column] = value


def clean_batch(rng: np.random.Generator, n: int, *, complete: bool = True,
                **shift) -> pd.DataFrame:
    """Clean orders: every category present, values on the bounds, some allowed nulls."""
    frame = reference.draw_orders(rng, n, **shift)
    if complete:
        _ensure(frame, rng, "city", reference.CITIES)
        _ensure(frame, rng, "payment", reference.PAYMENTS)
    _ensure(frame, rng, "discount", [0.0, 0.5])
    _ensure(frame, rng, "delivery_minutes", [None])
    return frame


def accepted(frame: pd.DataFrame, planted: Problems) -> bool:
    """The reference finds exactly *planted*, and every p-value is far from the level."""
    problems, pvalues = reference.analyse(frame)
    if problems != planted:
        return False
    low = reference.per_test_alpha() / 100
    drifted = {column for rule, column in planted if rule == "drift"}
    return all(p < low if column in drifted else p > SAFE_P for column, p in pvalues.items())


def _rows(rng: np.random.Generator, frame: pd.DataFrame, low: int, high: int) -> np.ndarray:
    return rng.choice(len(frame), size=int(rng.integers(low, high + 1)), replace=False)


def _rate(rng: np.random.Generator, frame: pd.DataFrame, low: float, high: float) -> np.ndarray:
    k = max(1, int(round(len(frame) * rng.uniform(low, high))))
    return rng.choice(len(frame), size=k, replace=False)


# Schema: the columns or their kinds are not what the contract says.
def drop_column(rng, frame, column=None):
    column = column or str(rng.choice(COLUMNS))
    return frame.drop(columns=[column]), {("schema", column)}


RENAMES = {"order_value": "order_value_eur", "discount": "discount_rate",
           "delivery_minutes": "delivery_mins", "items": "n_items", "city": "City",
           "payment": "payment_method"}


def rename_column(rng, frame, column=None):
    column = column or str(rng.choice(COLUMNS))
    new = RENAMES[column]
    return frame.rename(columns={column: new}), {("schema", column), ("schema", new)}


def numbers_as_text(rng, frame, column=None):
    column = column or str(rng.choice(["order_value", "delivery_minutes", "items"]))
    out = frame.copy()
    values = out[column]
    out[column] = pd.Series([None if pd.isna(v) else f"{v:g}" for v in values], dtype=object)
    return out, {("schema", column)}


def text_as_codes(rng, frame):
    column = str(rng.choice(["city", "payment"]))
    out = frame.copy()
    codes = {c: i for i, c in enumerate(sorted(out[column].dropna().unique()))}
    out[column] = out[column].map(codes).fillna(-1).astype(np.int64)
    return out, {("schema", column)}


def extra_column(rng, frame):
    out = frame.copy()
    if rng.random() < 0.5:
        out["tip"] = np.round(rng.exponential(2.0, len(out)), 2)
        return out, {("schema", "tip")}
    out["coupon_code"] = pd.Series(rng.choice(["", "WELCOME10", "SPRING"], len(out)),
                                   dtype=object)
    return out, {("schema", "coupon_code")}


# Range: a few values outside [min, max].
def negative_values(rng, frame):
    out = frame.copy()
    rows = _rows(rng, out, 1, 4)
    out.loc[rows, "order_value"] = -out.loc[rows, "order_value"]  # refunds booked as orders
    return out, {("range", "order_value")}


def percent_discounts(rng, frame):
    out = frame.copy()
    rows = _rows(rng, out, 1, 4)
    out.loc[rows, "discount"] = rng.choice([10.0, 15.0, 20.0, 25.0], size=len(rows))
    return out, {("range", "discount")}


def stuck_deliveries(rng, frame):
    out = frame.copy()
    rows = _rows(rng, out, 1, 4)
    out.loc[rows, "delivery_minutes"] = np.round(rng.uniform(600, 1500, size=len(rows)))
    return out, {("range", "delivery_minutes")}


def empty_orders(rng, frame):
    out = frame.copy()
    out.loc[_rows(rng, out, 1, 4), "items"] = 0
    return out, {("range", "items")}


def value_in_cents(rng, frame):
    out = frame.copy()
    out["order_value"] = np.round(out["order_value"] * 100)
    return out, {("range", "order_value"), ("drift", "order_value")}


# Nulls: a null rate above the contract's maximum.
def nulls_in(column: str, low: float, high: float) -> Corruption:
    def corrupt(rng, frame):
        out = frame.copy()
        if column == "items":
            out[column] = out[column].astype(float)
        rows = _rate(rng, out, low, high)
        out.loc[rows, column] = np.nan if column in ("order_value", "delivery_minutes",
                                                       "items", "discount") else None
        return out, {("nulls", column)}
    return corrupt


# Category: values outside the allowed set.
def unknown_category(column: str, value: str, low: float, high: float) -> Corruption:
    def corrupt(rng, frame):
        out = frame.copy()
        out.loc[_rate(rng, out, low, high), column] = value
        return out, {("category", column)}
    return corrupt


# Drift: the population itself moved; drawn directly from a shifted population.
DRIFTS = {
    "order_value": {"value_scale": 1.5},
    "delivery_minutes": {"delivery_shift": 11.0},
    "discount": {"discount_p": [0.30, 0.12, 0.15, 0.10, 0.10, 0.08, 0.06, 0.04, 0.05]},
    "city": {"city_p": [0.24, 0.12, 0.08, 0.39, 0.01, 0.16]},
    "payment": {"payment_p": [0.40, 0.08, 0.45, 0.07]},
}


def make_batch(rng: np.random.Generator, n: tuple[int, int], corruptions: Sequence = (),
               drift: Sequence[str] = (), complete: bool = True) -> pd.DataFrame:
    """A batch with *drift* columns shifted and *corruptions* applied, accepted by the
    reference with exactly the planted problems."""
    shift: dict = {}
    for column in drift:
        shift.update(DRIFTS[column])
    for _ in range(MAX_TRIES):
        frame = clean_batch(rng, int(rng.integers(*n)), complete=complete, **shift)
        planted = {("drift", column) for column in drift}
        for corrupt in corruptions:
            frame, more = corrupt(rng, frame)
            planted |= more
        frame = plain(frame)
        if accepted(frame, planted):
            return frame
    raise RuntimeError("could not draw a batch with the planted problems")


def shuffled(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    return frame[[str(c) for c in rng.permutation(list(frame.columns))]]


# --- judging ------------------------------------------------------------------------------

def parse(value: object) -> tuple[bool, Problems] | str:
    """The verdict and the problems of one answer, or why the answer is malformed."""
    if not isinstance(value, dict) or not isinstance(value.get("valid"), bool) or \
            not isinstance(value.get("problems"), list):
        return ('`validate` must return a dict {"valid": bool, "problems": [...]}')
    problems = set()
    for item in value["problems"]:
        if not isinstance(item, dict) or item.get("rule") not in reference.RULES or \
                not isinstance(item.get("column"), str):
            return ('every problem must be a dict {"rule": one of ' + ", ".join(reference.RULES)
                    + ', "column": the column name}')
        problems.add((item["rule"], item["column"]))
    if value["valid"] != (not problems):
        return '"valid" must be True exactly when the list of problems is empty'
    return value["valid"], problems


def _parsed(calls: Sequence[Call], answers: Sequence[Answer]) -> list | Verdict:
    failed = first_error(calls, answers)
    if failed:
        return failed
    out = []
    for answer in answers:
        result = parse(answer.value)
        if isinstance(result, str):
            return Verdict(False, result)
        out.append(result)
    return out


def _describe(counter: Counter) -> str:
    return ", ".join(f"{rule} on {column!r}" for (rule, column), _ in counter.most_common(3))


class BatchCheck(HiddenCheck):
    """Base: ``batches(rng)`` makes the hidden batches, one call of validate each."""

    function = "validate"

    def __init__(self, id: str, title: str, points: float, *, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self._drawn: dict[str, list[Call]] = {}

    def batches(self, rng: np.random.Generator) -> list[pd.DataFrame]:
        raise NotImplementedError

    def calls(self, rng: np.random.Generator) -> list[Call]:
        # Drawing batches takes a while; the same generator state always gives the same
        # batches, so a grading run that grades many submissions with one seed draws once.
        key = repr(rng.bit_generator.state)
        if key not in self._drawn:
            if len(self._drawn) >= 4:
                self._drawn.clear()
            self._drawn[key] = [Call("validate", (batch,)) for batch in self.batches(rng)]
        return list(self._drawn[key])


class CleanAccepted(BatchCheck):
    """Clean batches must pass: no false alarms at all."""

    def __init__(self, id: str, title: str, points: float, *, border: bool,
                 hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.border = border

    def batches(self, rng: np.random.Generator) -> list[pd.DataFrame]:
        if self.border:
            return [self._borderline(rng, n, column) for n, column in
                    [(350, "city"), (500, "payment"), (650, "city"), (800, "payment")]]
        out = [make_batch(rng, (n, n + 100)) for n in (200, 300, 400, 500, 600, 700, 800)]
        out.append(shuffled(rng, make_batch(rng, (300, 600))))
        for _ in range(MAX_TRIES):  # a small batch without the rarest city
            frame = make_batch(rng, (120, 200), complete=False)
            if not (frame["city"] == "Leipzig").any():
                out.append(frame)
                break
        return out

    @staticmethod
    def _borderline(rng: np.random.Generator, n: int, column: str) -> pd.DataFrame:
        """A clean batch whose *column* (city or payment) is redrawn from the clean
        population until its chi-square p-value falls inside BORDER.

        Candidates are drawn and screened in bulk (counts and p-values as arrays); the
        one kept is confirmed with the reference's own test."""
        cats, probs, null = ((reference.CITIES, reference.CITY_P, 0.0) if column == "city" else
                             (reference.PAYMENTS, reference.PAYMENT_P, reference.PAYMENT_NULL))
        frame = make_batch(rng, (n, n + 1))
        shares = np.asarray(reference._reference_shares(column))
        for _ in range(MAX_TRIES):
            codes = rng.choice(len(cats), size=(200, n), p=probs)
            codes[rng.random((200, n)) < null] = len(cats)  # a null
            counts = np.stack([np.bincount(row, minlength=len(cats) + 1)[:len(cats)]
                               for row in codes]).astype(float)
            expected = shares * counts.sum(axis=1, keepdims=True)
            p = stats.chi2.sf(((counts - expected) ** 2 / expected).sum(axis=1), len(cats) - 1)
            for k in np.flatnonzero((p > BORDER[0]) & (p < BORDER[1]) & (counts > 0).all(axis=1)):
                values = pd.Series([cats[c] if c < len(cats) else None for c in codes[k]],
                                   dtype=object)
                candidate = frame.copy()
                candidate[column] = values
                problems, pvalues = reference.analyse(candidate)
                if not problems and BORDER[0] < pvalues[column] < BORDER[1] and \
                        min(pvalues.values()) > BORDER[0]:
                    return candidate
        raise RuntimeError("could not draw a borderline clean batch")

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        parsed = _parsed(calls, answers)
        if isinstance(parsed, Verdict):
            return parsed
        flagged = [problems for valid, problems in parsed if not valid]
        if flagged:
            raised = Counter(p for problems in flagged for p in problems)
            what = ("drift alarms" if self.border else "false alarms")
            return Verdict(False, f"{len(flagged)} of {len(calls)} hidden clean batches were "
                                  f"flagged ({what}; your validator reported {_describe(raised)})")
        return Verdict(True, self.title)


class Detects(BatchCheck):
    """Every batch of one corruption family must be flagged (recall)."""

    def __init__(self, id: str, title: str, points: float, family: str,
                 plans: Callable[[np.random.Generator], list[pd.DataFrame]], *,
                 hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.family = family
        self.plans = plans

    def batches(self, rng: np.random.Generator) -> list[pd.DataFrame]:
        return self.plans(rng)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        parsed = _parsed(calls, answers)
        if isinstance(parsed, Verdict):
            return parsed
        missed = sum(valid for valid, _ in parsed)
        if missed:
            return Verdict(False, f"{missed} of {len(calls)} hidden batches with "
                                  f"{self.family} were accepted as valid")
        return Verdict(True, self.title)


class Attribution(BatchCheck):
    """Batches with several planted problems: exactly the right rules and columns."""

    def batches(self, rng: np.random.Generator) -> list[pd.DataFrame]:
        plans = [
            dict(corruptions=[value_in_cents]),
            dict(corruptions=[lambda r, f: rename_column(r, f, "payment"),
                              unknown_category("city", "Dresden", 0.02, 0.05)]),
            dict(corruptions=[nulls_in("delivery_minutes", 0.12, 0.25)], drift=["city"]),
            dict(corruptions=[extra_column, percent_discounts]),
            dict(corruptions=[lambda r, f: numbers_as_text(r, f, "items"),
                              nulls_in("payment", 0.05, 0.1)]),
            dict(corruptions=[unknown_category("payment", "apple_pay", 0.03, 0.08)],
                 drift=["order_value"]),
            dict(corruptions=[lambda r, f: drop_column(r, f, "city"), stuck_deliveries]),
            dict(corruptions=[nulls_in("city", 0.02, 0.06), empty_orders]),
        ]
        return [make_batch(rng, (400, 700), **plan) for plan in plans]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        parsed = _parsed(calls, answers)
        if isinstance(parsed, Verdict):
            return parsed
        wrong = missing = extra = 0
        for call, (_, got) in zip(calls, parsed, strict=True):
            want, _ = reference.analyse(call.args[0])
            if got != want:
                wrong += 1
                missing += len(want - got)
                extra += len(got - want)
        if wrong:
            return Verdict(False, f"the problems are not exactly the failing rules and columns "
                                  f"on {wrong} of {len(calls)} hidden batches ({missing} "
                                  f"problems missing, {extra} reported that should not be)")
        return Verdict(True, self.title)


def schema_batches(rng):
    corruptions = [drop_column, rename_column, numbers_as_text, text_as_codes, extra_column]
    return [make_batch(rng, (300, 600), corruptions=[c]) for c in corruptions]


def range_batches(rng):
    corruptions = [negative_values, percent_discounts, stuck_deliveries, empty_orders]
    return [make_batch(rng, (300, 600), corruptions=[c]) for c in corruptions]


def null_batches(rng):
    corruptions = [nulls_in("delivery_minutes", 0.09, 0.25), nulls_in("order_value", 0.01, 0.03),
                   nulls_in("city", 0.02, 0.06), nulls_in("payment", 0.05, 0.1),
                   nulls_in("items", 0.01, 0.03)]
    return [make_batch(rng, (300, 600), corruptions=[c]) for c in corruptions]


def category_batches(rng):
    corruptions = [unknown_category("city", "Dresden", 0.02, 0.05),
                   unknown_category("city", "berlin", 0.02, 0.05),
                   unknown_category("payment", "apple_pay", 0.03, 0.08),
                   unknown_category("payment", "Card", 0.02, 0.04)]
    return [make_batch(rng, (300, 600), corruptions=[c]) for c in corruptions]


def drift_batches(rng):
    return [make_batch(rng, (500, 900), drift=[column]) for column in DRIFTS]


SUITE = Suite(
    exercise="m03-data-validation/batch-validator",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        CleanAccepted(
            "clean-accepted", "clean batches pass: no false alarms", 3, border=False,
            hints=["Clean batches contain values exactly on the contract's bounds, a few nulls "
                   "where the contract allows them, and sometimes lack a rare category. Which "
                   "of those does your validator treat as a problem?",
                   "A value equal to min or max is allowed (min <= x <= max); compare the null "
                   "RATE with max_null_rate (strictly above is a problem); NaN compares False "
                   "with everything, so drop nulls before the range check; flag categories "
                   "that are NOT in the contract, never contract categories that are absent."]),
        CleanAccepted(
            "no-false-drift", "clean batches with an unusual but innocent p-value pass", 1,
            border=True,
            hints=["With six drift tests per batch, how often does at least one of them fall "
                   "below 0.05 (or 0.01) on perfectly clean data?",
                   "Compare every p-value with the per-test level alpha / number of contract "
                   "columns (Bonferroni): 0.01 / 6 here, not 0.05 and not 0.01."]),
        Detects(
            "detect-schema", "missing, renamed, retyped and unexpected columns are flagged", 2,
            "a schema problem", schema_batches,
            hints=["A column can go missing, be renamed, arrive as text instead of numbers (or "
                   "the reverse), or appear without being in the contract.",
                   "Compare the set of batch columns with the set of contract columns in both "
                   "directions, and the kind of every present column: numeric when "
                   "pd.api.types.is_numeric_dtype(col) is True, text otherwise."]),
        Detects(
            "detect-range", "values below min or above max are flagged", 1,
            "values out of range", range_batches,
            hints=["Some batches hold a handful of values below the minimum, others a handful "
                   "above the maximum. Does your check look at both ends?",
                   "Flag the column when any non-null value is < min or > max; one bad row is "
                   "enough."]),
        Detects(
            "detect-nulls", "null rates above the contract are flagged", 1,
            "too many nulls", null_batches,
            hints=["Nulls arrive as NaN in numeric columns and as None in text columns. How do "
                   "you count them? What does `x == np.nan` return?",
                   "Use batch[col].isna().mean() for the null rate of a column and compare it "
                   "with max_null_rate; a contract maximum of 0 means no null at all."]),
        Detects(
            "detect-category", "values outside the allowed categories are flagged", 1,
            "unknown categories", category_batches,
            hints=["A batch may hold a category that is not in the contract, for instance a "
                   "new city or a different spelling. Which direction does your comparison go?",
                   "Flag the column when some non-null value is not in the contract's "
                   "categories (exact, case-sensitive comparison): "
                   "(~values.isin(categories)).any()."]),
        Detects(
            "detect-drift", "shifted numeric and category distributions are flagged", 2,
            "a shifted distribution", drift_batches,
            hints=["Drift can hit a numeric column or the frequencies of a text column. Do you "
                   "test both kinds?",
                   "Numeric: scipy.stats.ks_2samp(batch values, reference values). Text: "
                   "scipy.stats.chisquare of the batch counts per contract category against "
                   "the reference proportions times the batch total. Nulls dropped first."]),
        Attribution(
            "attribution", "every failing rule and column is named, nothing else", 2,
            hints=["A batch can break several rules at once, and one bug can break two rules "
                   "on the same column. Does your validator stop at the first problem?",
                   "Run every rule on every usable column and collect all problems; a renamed "
                   "column is two schema problems (the missing name and the unexpected one); "
                   "a column with a schema problem gets no other rule."]),
    ],
)
