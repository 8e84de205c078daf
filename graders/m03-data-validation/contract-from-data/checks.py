"""Checks for contract-from-data: the public examples plus hidden random frames.

``infer_contract`` runs on random reference frames (non-negative and signed
numeric columns, integer counts, text columns with a rare misspelling and a
category seen exactly ``min_count`` times, nulls here and there). Each hidden
check judges one part of the contract, so a mistake in one part costs only
that part's points. ``psi`` is judged against the reference on batches scored
against contracts the reference inferred: ordinary batches first, then the
cases that need care (nulls, empty bins, values on bin edges, unknown or
missing categories).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from academy.grading.checks import (
    AgreesWithReference,
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

MAX_TRIES = 1000
NUMERIC: dict[str, Callable[[np.random.Generator, int], np.ndarray]] = {
    # non-negative, far from 0 relative to its span: the clamp at 0 binds
    "amount": lambda rng, n: np.round(rng.lognormal(3.0, 0.6, n), 2),
    # signed
    "temperature": lambda rng, n: np.round(rng.normal(12.0, 8.0, n), 1),
    # counts from 0 (integers): the clamp binds
    "visits": lambda rng, n: rng.poisson(3.0, n).astype(np.int64),
    # positive, the margin stays above 0: the clamp does not bind
    "share": lambda rng, n: rng.uniform(0.2, 0.9, n),
    # all negative
    "balance": lambda rng, n: np.round(rng.normal(-200.0, 60.0, n), 2),
}
TEXT = {
    "plan": ["basic", "family", "plus", "premium"],
    "region": ["centre", "east", "north", "south", "west"],
    "device": ["android", "ios", "web"],
}
TYPOS = {"plan": "premum", "region": "Nort", "device": "andriod"}


def text_column(rng: np.random.Generator, name: str, n: int, min_count: int) -> list:
    """Main categories with random shares, one seen exactly min_count times, a misspelling
    seen fewer than min_count times."""
    cats = TEXT[name]
    rare = [cats[-1]] * min_count + [TYPOS[name]] * int(rng.integers(1, min_count))
    main = list(rng.choice(cats[:-1], size=n - len(rare), p=rng.dirichlet(np.full(
        len(cats) - 1, 4.0))))
    values = np.array([str(v) for v in main] + rare, dtype=object)
    return [str(v) for v in rng.permutation(values)]


def random_frame(rng: np.random.Generator, n: int, *, min_count: int = 5,
                 null_rate: tuple[float, float] = (0.0, 0.08),
                 numeric: Sequence[str] | None = None) -> pd.DataFrame:
    names = list(numeric) if numeric is not None else list(rng.choice(
        list(NUMERIC), size=3, replace=False))
    columns: dict[str, pd.Series] = {}
    for name in names:
        values = pd.Series(NUMERIC[name](rng, n))
        rate = rng.uniform(*null_rate)
        if rate > 0:
            values = values.astype(float)
            values[rng.random(n) < rate] = np.nan
        columns[name] = values
    for name in rng.choice(list(TEXT), size=2, replace=False):
        values = pd.Series(text_column(rng, str(name), n, min_count), dtype=object)
        rate = rng.uniform(*null_rate)
        # nulls anywhere but in the rows of the category seen exactly min_count times
        values[(rng.random(n) < rate) & (values != TEXT[str(name)][-1]).to_numpy()] = None
        columns[str(name)] = values
    order = [str(c) for c in rng.permutation(list(columns))]
    return codec.decode(codec.encode(pd.DataFrame({c: columns[c] for c in order})))


# --- infer_contract ---------------------------------------------------------------------

def range_calls(rng):
    return [Call("infer_contract", (random_frame(rng, n, numeric=["amount", "visits", extra]),),
                 kwargs)
            for n, extra, kwargs in [(150, "temperature", {}), (600, "share", {"margin": 0.25}),
                                     (2000, "balance", {"margin": 0.05}),
                                     (400, "share", {})]]


def null_calls(rng):
    return [Call("infer_contract", (random_frame(rng, n, null_rate=rates),), kwargs)
            for n, rates, kwargs in [(300, (0.0, 0.1), {}), (1000, (0.02, 0.2), {"batch_size": 200}),
                                     (800, (0.0, 0.05), {"batch_size": 5000}),
                                     (500, (0.0, 0.0), {})]]


def category_calls(rng):
    return [Call("infer_contract", (random_frame(rng, n, min_count=m),), kwargs)
            for n, m, kwargs in [(300, 5, {}), (1200, 10, {"min_count": 10}),
                                 (600, 3, {"min_count": 3}), (200, 5, {})]]


def quantile_calls(rng):
    return [Call("infer_contract", (random_frame(rng, n, null_rate=(0.02, 0.1)),), {})
            for n in (250, 700, 1500)]


def _contracts(calls: Sequence[Call], answers: Sequence[Answer]) -> list[tuple[dict, dict]] | Verdict:
    """(learner's columns, reference's columns) per call, or a verdict on malformed answers."""
    failed = first_error(calls, answers)
    if failed:
        return failed
    out = []
    for call, answer in zip(calls, answers, strict=True):
        want = reference.infer_contract(*call.args, **call.kwargs)["columns"]
        got = answer.value.get("columns") if isinstance(answer.value, dict) else None
        if not isinstance(got, dict) or set(got) != set(want) or \
                not all(isinstance(spec, dict) for spec in got.values()):
            return Verdict(False, 'infer_contract must return {"columns": {name: spec}} with one '
                                  "spec (a dict) for every column of the reference frame")
        out.append((got, want))
    return out


class ContractPart(HiddenCheck):
    """Compares some fields of every column of the inferred contracts with the reference."""

    function = "infer_contract"

    def __init__(self, id: str, title: str, points: float, *, make_calls,
                 fields: dict[str, Sequence[str]], what: str, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.make_calls, self.fields, self.what = make_calls, fields, what

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return self.make_calls(rng)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        pairs = _contracts(calls, answers)
        if isinstance(pairs, Verdict):
            return pairs
        wrong = total = 0
        for got, want in pairs:
            for name, spec in want.items():
                fields = self.fields.get(spec["kind"], ())
                if not fields:
                    continue
                total += 1
                mine = got[name]
                if any(f not in mine or codec.compare(codec.decode(codec.encode(mine[f])),
                                                      spec[f], 1e-9, 1e-9) for f in fields):
                    wrong += 1
        if wrong:
            return Verdict(False, f"{self.what} wrong for {wrong} of {total} columns of the "
                                  "hidden reference frames")
        return Verdict(True, self.title)


# --- psi --------------------------------------------------------------------------------

def _continuous(rng: np.random.Generator, n: int, shift: float = 0.0) -> np.ndarray:
    return rng.lognormal(3.0 + shift, 0.5, n)


def _text_contract(rng: np.random.Generator) -> tuple[dict, list[str], np.ndarray]:
    cats = TEXT["region"]
    p = rng.dirichlet(np.full(len(cats), 5.0))
    frame = pd.DataFrame({"region": pd.Series([str(v) for v in rng.choice(cats, 4000, p=p)],
                                              dtype=object)})
    return reference.infer_contract(frame)["columns"]["region"], cats, p


def _numeric_contract(rng: np.random.Generator) -> dict:
    frame = pd.DataFrame({"amount": _continuous(rng, 4000)})
    return reference.infer_contract(frame)["columns"]["amount"]


def psi_inputs(rng: np.random.Generator) -> list:
    """Ordinary batches: no nulls, no empty bin, no value on an edge, no unknown value."""
    cases = []
    for n, shift in [(300, 0.0), (1000, 0.15), (3000, 0.4)]:
        column = _numeric_contract(rng)
        for _ in range(MAX_TRIES):
            values = _continuous(rng, n, shift)
            actual, _ = reference.shares(column, values)
            if (actual > 0).all():
                break
        cases.append(((column, values), {}))
    for n, tilt in [(300, 0.0), (1000, 0.5), (3000, 2.0)]:
        column, cats, p = _text_contract(rng)
        q = p * np.exp(tilt * rng.normal(size=len(p)))
        for _ in range(MAX_TRIES):
            values = [str(v) for v in rng.choice(cats, n, p=q / q.sum())]
            if set(values) == set(cats):
                break
        cases.append(((column, values), {}))
    return cases


def psi_edge_inputs(rng: np.random.Generator) -> list:
    cases = []
    column = _numeric_contract(rng)  # nulls
    values = _continuous(rng, 800)
    values[rng.random(800) < 0.15] = np.nan
    cases.append(((column, values), {}))
    column = _numeric_contract(rng)  # empty bins: everything between the 3rd and 7th decile
    edges = column["quantiles"]
    cases.append(((column, rng.uniform(edges[2], edges[6], 500)), {}))
    column = _numeric_contract(rng)  # values exactly on the edges
    values = np.concatenate([_continuous(rng, 400), np.repeat(column["quantiles"], 15)])
    cases.append(((column, rng.permutation(values)), {}))
    column, cats, p = _text_contract(rng)  # unknown categories and nulls
    values: list = [str(v) for v in rng.choice(cats, 600, p=p)]
    for i in rng.choice(600, 90, replace=False):
        values[i] = "Nort" if rng.random() < 0.6 else None
    cases.append(((column, values), {}))
    column, cats, p = _text_contract(rng)  # a contract category absent from the batch
    q = np.where(np.arange(len(cats)) == rng.integers(len(cats)), 0.0, p)
    cases.append(((column, [str(v) for v in rng.choice(cats, 500, p=q / q.sum())]), {}))
    return cases


SUITE = Suite(
    exercise="m03-data-validation/contract-from-data",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        ContractPart(
            "ranges", "kinds and min/max with the margin, clamped at 0", 2,
            make_calls=range_calls,
            fields={"numeric": ["kind", "min", "max"], "text": ["kind"]},
            what="the kind or the min/max is",
            hints=["Widen the observed range by margin times its span on each side. Which "
                   "columns can never be negative, and what should their lower bound be?",
                   "lo, hi = min and max of the non-null values; min = lo - margin * (hi - lo), "
                   "max = hi + margin * (hi - lo); when lo >= 0, min = max(min, 0.0). Use the "
                   "margin argument, not a fixed 0.1."]),
        ContractPart(
            "null-limits", "max_null_rate allows for sampling noise in a batch", 2,
            make_calls=null_calls,
            fields={"numeric": ["max_null_rate"], "text": ["max_null_rate"]},
            what="max_null_rate is",
            hints=["A batch of batch_size rows drawn from the reference population has a null "
                   "rate that wobbles around the reference rate. How much?",
                   "rate = share of nulls in the reference column; max_null_rate = min(1, rate + "
                   "3 * sqrt(rate * (1 - rate) / batch_size)); batch_size is the argument, not "
                   "the length of the reference."]),
        ContractPart(
            "categories", "categories seen at least min_count times, and their shares", 2,
            make_calls=category_calls, fields={"text": ["categories", "frequencies"]},
            what="the categories or their frequencies are",
            hints=["A misspelling that appears twice in the reference should not become an "
                   "allowed category forever. What about a value seen exactly min_count times?",
                   "Keep the non-null values with count >= min_count, sorted; frequencies are "
                   "each kept count divided by the total of the KEPT counts (they sum to 1)."]),
        ContractPart(
            "quantiles", "decile edges of the non-null values", 1,
            make_calls=quantile_calls, fields={"numeric": ["quantiles"]},
            what="the quantiles are",
            hints=["The hidden reference columns contain nulls. What does np.quantile return "
                   "when its input holds a NaN? Are your bins equally populated or equally wide?",
                   "np.quantile(non-null values, [0.1, 0.2, ..., 0.9]) with numpy's default "
                   "(linear) method, as a list of 9 floats."]),
        AgreesWithReference(
            "psi-random", "psi on ordinary batches, numeric and text", 2, "psi", psi_inputs,
            reference.psi, rtol=1e-6, atol=1e-9,
            message="psi disagrees with sum((actual - expected) * ln(actual / expected))",
            hints=["PSI is symmetric in actual and expected: each bin contributes "
                   "(a - e) * ln(a / e), never a * ln(a / e) alone.",
                   "Numeric: 10 bins cut at the 9 quantiles, expected share 0.1 each. Text: the "
                   "contract's frequencies. Actual shares are counts divided by the number of "
                   "values counted."]),
        AgreesWithReference(
            "psi-edge", "psi with nulls, empty bins, values on edges and unknown categories", 1,
            "psi", psi_edge_inputs, reference.psi, rtol=1e-6, atol=1e-9,
            message="psi is wrong on batches with nulls, empty bins, values on bin edges or "
                    "categories outside the contract",
            hints=["Try a batch with a null, a batch with nothing in some bin, a value exactly "
                   "equal to a quantile, and a text value the contract does not list.",
                   "Drop nulls first; bins are (edge_i-1, edge_i], so np.searchsorted(edges, x, "
                   "side='left'); floor every share at 0.0001 before the log; for text, count "
                   "only contract categories (and divide by their total)."]),
    ],
)
