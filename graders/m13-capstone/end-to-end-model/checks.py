"""Checks for end-to-end-model: one public example per stage plus ten hidden checks.

Every hidden input is generated here from the capstone's own generator with fresh seeds
and start dates (``reference.py``); the learner's functions run in the sandbox and only
plain answers come back: lists of messages, probabilities, fingerprints, batch indices.

* Data contract. ``contract-clean``: clean hidden batches (with values on every bound,
  columns in another order, a category absent) give ``[]``. ``contract-structure`` and
  ``contract-values``: batches with exactly one defect (a missing column, missing values,
  a wrong type, numbers as text; a value out of range, a term or label outside its set,
  an unknown category) give messages, every one naming the damaged column.
* Pipeline. ``pipeline-margin``: fitted on the earlier 12 months of two hidden extracts
  and scored on the later 6, the mean ROC-AUC beats ranking by ``debt_to_income`` by the
  brief's 0.03. ``pipeline-no-leak``: scoring rows whose ``recovery_amount``,
  ``application_id`` and ``applied_at`` are replaced get the same probabilities.
  ``pipeline-fit-statistics``: retrained on the same applications with amounts in
  thousands of euros and credit history in months, the probabilities stay the same (a
  pipeline that carries statistics computed outside ``fit`` moves them).
* Fingerprint, through the locked helper ``fingerprint_after_fit``. ``fingerprint-stable``:
  identical refits, a pickle round trip, and a refit on the same applications exported
  differently (columns in another order, ``age`` stored as float, an unused ``channel``
  column added) give one fingerprint.
  ``fingerprint-sensitive``: another ``C``, 1% fewer rows or another extract give another.
  A constant fails the second, a random or pickle-bytes hash the first, a
  hyperparameters-only hash the second; a helper redefined to hash its inputs fails the
  re-exported case (unless it rebuilds exactly the model's feature matrix first, which
  no behavioural check can tell from a fingerprint of the model).
* Monitor, on streams of 14 batches of 200 later applications after a reference of 2,000.
  ``monitor-quiet``: at most 2 of 10 clean streams may alert. ``monitor-shift``: five
  kinds of shift starting at a batch derived from the stream (4 to 9); at most one of 10
  streams may alert before the shift or later than 4 batches after it.

The bounds were set by simulation (40 extracts or streams each): the model
solution's margin on one hidden split ranged from 0.05 to 0.11; a pipeline with statistics
baked from the visible extract moved probabilities by 0.12 to 0.24 in the units check
against 1e-13 for the model solution; the lesson's rule (PSI 0.2, patience 2) never
alerted on clean streams and always within 2 batches of a shift, while "alert on the
first batch above 0.1" alarmed on most clean streams.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from academy.grading.checks import (
    Answer,
    Call,
    HiddenCheck,
    Step,
    Suite,
    Verdict,
    describe_error,
    first_error,
    public_checks,
)

from . import reference
from .public import PUBLIC_CHECKS


@dataclass(frozen=True)
class Kept(Call):
    """A call with data for the judge only: the engine sends ``function``, ``args``,
    ``kwargs`` and ``then`` to the sandbox; ``kept`` (hidden labels, what was damaged)
    stays in the grader."""

    kept: Any = field(default=None, compare=False, repr=False)


SAME = 1e-9
"""Probabilities that must not move may differ by floating-point rounding only."""
UNITS_TOLERANCE = 0.02
"""Largest allowed change of a probability when amounts and history change units."""

# --------------------------------------------------------------------------- contract

Defect = Callable[[pd.DataFrame, np.random.Generator], tuple[pd.DataFrame, str, str]]


def _rows(rng: np.random.Generator, batch: pd.DataFrame, k_max: int = 5) -> np.ndarray:
    k = int(rng.integers(1, k_max + 1))
    return rng.choice(len(batch), size=k, replace=False)


def _set(batch: pd.DataFrame, column: str, rows: np.ndarray, value) -> pd.DataFrame:
    out = batch.copy()
    values = out[column].to_numpy().copy()
    values[rows] = value
    out[column] = pd.Series(values, dtype=out[column].dtype)
    return out


def _missing_column(b, rng):
    column = str(rng.choice(list(reference.CONTRACT)))
    return b.drop(columns=column), column, "a missing column"


def _nan_in_float(b, rng):
    column = str(rng.choice(["income", "loan_amount", "debt_to_income", "credit_history_years"]))
    return _set(b, column, _rows(rng, b), np.nan), column, "missing numbers"


def _nan_in_int(b, rng):
    column = str(rng.choice(["age", "term_months", "num_late_payments"]))
    out = b.copy()
    values = out[column].to_numpy(dtype=float)
    values[_rows(rng, b)] = np.nan
    out[column] = values
    return out, column, "missing values in an integer column"


def _none_in_category(b, rng):
    column = str(rng.choice(list(reference.TEXT)))
    out = b.copy()
    values = out[column].tolist()
    for i in _rows(rng, b):
        values[int(i)] = None
    out[column] = pd.Series(values, dtype=object)
    return out, column, "missing text values"


def _int_as_float(b, rng):
    column = str(rng.choice(["age", "num_late_payments"]))
    out = b.copy()
    out[column] = out[column].astype(float)
    return out, column, "integers stored as floats"


def _numbers_as_text(b, rng):
    column = str(rng.choice(["income", "age", "loan_amount", "debt_to_income"]))
    out = b.copy()
    out[column] = pd.Series([str(v) for v in out[column].tolist()], dtype=object)
    return out, column, "numbers sent as text"


STRUCTURE: list[Defect] = [_missing_column, _nan_in_float, _nan_in_int, _none_in_category,
                           _int_as_float, _numbers_as_text]

LOW = {"age": [17, 5], "income": [0.0, -1.0, -38_000.0], "loan_amount": [999.0, 500.0],
       "debt_to_income": [-0.01, -0.2], "credit_history_years": [-0.5, -3.0],
       "num_late_payments": [-1, -2]}
HIGH = {"age": [101, 130], "loan_amount": [25_100.0, 40_000.0], "debt_to_income": [1.51, 2.4],
        "credit_history_years": [82.5, 95.0]}
SPELLINGS = {"home_ownership": ["Rent", "council", "OWN", "rent "],
             "purpose": ["Car", "education", "wedding", "debt consolidation"]}


def _below(b, rng, exclude=()):
    column = str(rng.choice([c for c in LOW if c not in exclude]))
    return _set(b, column, _rows(rng, b), rng.choice(LOW[column])), column, "a value below its minimum"


def _above(b, rng, exclude=()):
    column = str(rng.choice([c for c in HIGH if c not in exclude]))
    return _set(b, column, _rows(rng, b), rng.choice(HIGH[column])), column, "a value above its maximum"


def _bad_term(b, rng):
    return _set(b, "term_months", _rows(rng, b), int(rng.choice([6, 18, 48, 72]))), \
        "term_months", "a term outside the allowed set"


def _bad_label(b, rng):
    return _set(b, "defaulted", _rows(rng, b), int(rng.choice([2, -1]))), "defaulted", \
        "a label outside 0 and 1"


def _unknown(column):
    def defect(b, rng):
        out = b.copy()
        values = out[column].tolist()
        spelling = str(rng.choice(SPELLINGS[column]))
        for i in _rows(rng, b):
            values[int(i)] = spelling
        out[column] = pd.Series(values, dtype=object)
        return out, column, "an unknown category"
    return defect


def _clean_batch(rng: np.random.Generator, n: int) -> pd.DataFrame:
    return reference.extract(rng, n)


def _messages(answer: Answer) -> list[str] | None:
    value = answer.value
    if isinstance(value, list) and all(isinstance(m, str) for m in value):
        return value
    return None


NOT_A_LIST = Verdict(False, "`violations` must return a list of strings (an empty list for a "
                            "clean batch)")


class ContractCheck(HiddenCheck):
    """Batches with exactly one defect each; every message must name the damaged column."""

    function = "violations"

    def __init__(self, id: str, title: str, points: float, defects: Sequence[Defect], *,
                 hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.defects = list(defects)

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls: list[Call] = []
        for defect in self.defects:
            batch, column, kind = defect(_clean_batch(rng, int(rng.integers(150, 400))), rng)
            calls.append(Kept("violations", (batch,), kept=(column, kind)))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        missed, unnamed = [], []
        for call, answer in zip(calls, answers, strict=True):
            column, kind = call.kept if isinstance(call, Kept) else ("", "")
            messages = _messages(answer)
            if messages is None:
                return NOT_A_LIST
            if not messages:
                missed.append(kind)
            elif not all(reference.names_column(m, column) for m in messages):
                unnamed.append(kind)
        if missed or unnamed:
            parts = []
            if missed:
                parts.append(f"let through batches with {', '.join(dict.fromkeys(missed))}")
            if unnamed:
                parts.append("gave a message that does not name the damaged column (or named a "
                             f"column that was fine) for {', '.join(dict.fromkeys(unnamed))}")
            return Verdict(False, "on hidden batches with one defect each, `violations` "
                                  + "; and ".join(parts))
        return Verdict(True, self.title)


def _boundary_batch(rng: np.random.Generator) -> pd.DataFrame:
    batch = _clean_batch(rng, int(rng.integers(100, 300)))
    for column, rule in reference.CONTRACT.items():
        for bound in ("min", "max"):
            if bound in rule:
                batch = _set(batch, column, _rows(rng, batch, 3), rule[bound])
    return batch


class ContractClean(HiddenCheck):
    """Clean hidden batches, some with values on every bound, must give no violations."""

    function = "violations"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        batches = [_clean_batch(rng, int(n)) for n in (60, 300, 900)]
        batches.append(_boundary_batch(rng))
        batches.append(_boundary_batch(rng))
        shuffled = _clean_batch(rng, 250)
        shuffled = shuffled[shuffled["purpose"] != "other"].reset_index(drop=True)
        batches.append(shuffled[list(rng.permutation(list(shuffled.columns)))])
        only_contract = _clean_batch(rng, 200)[list(reference.CONTRACT)]
        batches.append(only_contract)
        return [Call("violations", (b,)) for b in batches]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        flagged = []
        for answer in answers:
            messages = _messages(answer)
            if messages is None:
                return NOT_A_LIST
            if messages:
                flagged.append(messages[0])
        if flagged:
            return Verdict(False, f"`violations` reported problems in {len(flagged)} of "
                                  f"{len(calls)} hidden batches that keep the contract "
                                  f"(first: {flagged[0][:100]!r})")
        return Verdict(True, self.title)


# --------------------------------------------------------------------------- pipeline

def fit_predict(X_train: pd.DataFrame, y_train: np.ndarray, X_test: pd.DataFrame) -> Call:
    """build_pipeline().fit(X_train, y_train).predict_proba(X_test), in the sandbox."""
    return Call("build_pipeline", then=(Step("fit", (X_train, y_train)),
                                       Step("predict_proba", (X_test,))))


def _probabilities(answers: Sequence[Answer], sizes: Sequence[int]
                   ) -> tuple[list[np.ndarray], Verdict | None]:
    out = []
    for answer, n in zip(answers, sizes, strict=True):
        if not answer.ok:
            return [], Verdict(False, describe_error("build_pipeline", answer.error or ""))
        value = answer.value
        if not isinstance(value, np.ndarray) or value.shape != (n, 2):
            return [], Verdict(False, "predict_proba must return an array with one row per "
                                      "application and one column per class (0 and 1)")
        if not np.all(np.isfinite(value)) or value.min() < 0 or value.max() > 1:
            return [], Verdict(False, "predict_proba returned values that are not "
                                      "probabilities (NaN, infinite, or outside 0..1)")
        out.append(value[:, 1].astype(float))
    return out, None


def _sizes(calls: Sequence[Call]) -> list[int]:
    return [len(c.then[-1].args[0]) for c in calls]


NOT_DETERMINISTIC = Verdict(False, "two fits of build_pipeline() on the same rows give different "
                                   "probabilities; fix random_state so the pipeline is "
                                   "reproducible")


def _split(rng: np.random.Generator, n: int):
    earlier, later = reference.time_split(reference.extract(rng, n))
    X_train, y_train = reference.features_and_label(earlier)
    X_test, _ = reference.features_and_label(later)
    return X_train, y_train, X_test


class PipelineMargin(HiddenCheck):
    """Fit on the earlier 12 months, score the later 6: beat debt_to_income by the margin."""

    function = "build_pipeline"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls: list[Call] = []
        for _ in range(2):
            earlier, later = reference.time_split(reference.extract(rng, 4_500))
            X_train, y_train = reference.features_and_label(earlier)
            X_test, y_true = reference.features_and_label(later)
            calls.append(Kept("build_pipeline", then=(Step("fit", (X_train, y_train)),
                                                      Step("predict_proba", (X_test,))),
                              kept=y_true))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        probas, failed = _probabilities(answers, _sizes(calls))
        if failed:
            return failed
        margins = []
        for call, proba in zip(calls, probas, strict=True):
            X_test = call.then[1].args[0]
            y_true = call.kept if isinstance(call, Kept) else None
            if y_true is None:  # pragma: no cover - calls() always keeps the labels
                raise RuntimeError("a margin call without its held-out labels")
            margins.append(reference.roc_auc(y_true, proba)
                           - reference.roc_auc(y_true, X_test["debt_to_income"].to_numpy()))
        if float(np.mean(margins)) < reference.MARGIN:
            return Verdict(False, "fitted on the earlier months of hidden extracts and scored on "
                                  "the later months, the pipeline's ROC-AUC does not beat the "
                                  "scorecard (ranking by debt_to_income) by the brief's margin "
                                  f"of {reference.MARGIN:g} on average")
        return Verdict(True, self.title)


def _scrambled(rng: np.random.Generator, X: pd.DataFrame) -> pd.DataFrame:
    """The same applications with everything that is not a feature replaced."""
    out = X.copy()
    n = len(out)
    out["recovery_amount"] = np.where(rng.random(n) < 0.5, 0.0,
                                      np.round(rng.uniform(0, 15_000, n), -1))
    out["application_id"] = rng.integers(1_000_000, 9_000_000, n)
    days = rng.integers(0, 3_650, n)
    out["applied_at"] = pd.Series((pd.Timestamp("2031-01-01") + pd.to_timedelta(days, unit="D"))
                                  .strftime("%Y-%m-%d").tolist(), dtype=object)
    return out


class PipelineNoLeak(HiddenCheck):
    """Replacing recovery_amount, application_id and applied_at must not move a probability."""

    function = "build_pipeline"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(2):
            X_train, y_train, X_test = _split(rng, 2_400)
            calls += [fit_predict(X_train, y_train, X_test),
                      fit_predict(X_train, y_train, _scrambled(rng, X_test)),
                      fit_predict(X_train, y_train, X_test)]
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        probas, failed = _probabilities(answers, _sizes(calls))
        if failed:
            return failed
        moved = 0
        for i in range(0, len(calls), 3):
            plain, scrambled, again = probas[i:i + 3]
            if not np.allclose(plain, again, rtol=0, atol=SAME):
                return NOT_DETERMINISTIC
            moved += not np.allclose(plain, scrambled, rtol=0, atol=SAME)
        if moved:
            return Verdict(False, "the probabilities change when only recovery_amount, "
                                  "application_id and applied_at of the scoring rows change "
                                  f"(on {moved} of {len(calls) // 3} hidden extracts): the "
                                  "pipeline uses a column that is not a feature")
        return Verdict(True, self.title)


def other_units(X: pd.DataFrame) -> pd.DataFrame:
    """Amounts in thousands of euros and credit history in months (another warehouse)."""
    out = X.copy()
    out["income"] = out["income"] / 1_000
    out["loan_amount"] = out["loan_amount"] / 1_000
    out["credit_history_years"] = out["credit_history_years"] * 12
    return out


class PipelineFitStatistics(HiddenCheck):
    """Retrained on the same applications in other units, the model must predict the same."""

    function = "build_pipeline"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(2):
            X_train, y_train, X_test = _split(rng, 2_400)
            calls += [fit_predict(X_train, y_train, X_test),
                      fit_predict(other_units(X_train), y_train, other_units(X_test)),
                      fit_predict(X_train, y_train, X_test)]
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        probas, failed = _probabilities(answers, _sizes(calls))
        if failed:
            return failed
        changed = 0
        for i in range(0, len(calls), 3):
            plain, units, again = probas[i:i + 3]
            if not np.allclose(plain, again, rtol=0, atol=SAME):
                return NOT_DETERMINISTIC
            changed += float(np.max(np.abs(plain - units))) > UNITS_TOLERANCE
        if changed:
            return Verdict(False, "retrained on the same applications with amounts in thousands "
                                  "of euros and credit history in months, the pipeline predicts "
                                  f"differently (on {changed} of {len(calls) // 3} hidden "
                                  "extracts): some statistic (a mean, a scale, a bin edge) was "
                                  "not learned from the data passed to fit")
        return Verdict(True, self.title)


# --------------------------------------------------------------------------- fingerprint

def fingerprint_call(X: pd.DataFrame, y: np.ndarray, C: float = 1.0,
                     round_trip: bool = False) -> Call:
    return Call("fingerprint_after_fit", (X, y), {"C": C, "round_trip": round_trip})


def reordered(X: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The same applications as another export has them: the columns in another order,
    age stored as float, and one more column that no model of the brief uses (the sales
    channel). The fitted model is the same, so must be its fingerprint; a helper redefined
    to hash its inputs instead of the model is not."""
    out = X.assign(channel=pd.Series(rng.choice(["web", "partner"], len(X)).tolist(),
                                     dtype=object))
    out = out[list(rng.permutation(list(out.columns)))].copy()
    out["age"] = out["age"].astype(float)
    return out


def _fingerprints(calls: Sequence[Call], answers: Sequence[Answer]
                  ) -> tuple[list[str], Verdict | None]:
    failed = first_error(calls, answers)
    if failed:
        return [], failed
    values = [a.value for a in answers]
    if not all(isinstance(v, str) and v.strip() for v in values):
        return [], Verdict(False, "`fingerprint_pipeline` must return a non-empty string")
    return values, None


class FingerprintStable(HiddenCheck):
    """Identical refits, a pickle round trip and reordered columns keep the fingerprint."""

    function = "fingerprint_after_fit"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(2):
            X, y = reference.features_and_label(reference.extract(rng, 1_500))
            C = float(rng.choice([0.5, 1.0, 2.0]))
            calls += [fingerprint_call(X, y, C), fingerprint_call(X, y, C),
                      fingerprint_call(X, y, C, round_trip=True),
                      fingerprint_call(reordered(X, rng), y, C)]
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        values, failed = _fingerprints(calls, answers)
        if failed:
            return failed
        problems = []
        for i in range(0, len(values), 4):
            first, refit, pickled, columns = values[i:i + 4]
            if refit != first:
                problems.append("an identical refit changed it")
            if pickled != first:
                problems.append("a pickle round trip changed it")
            if columns != first:
                problems.append("a refit on the same applications exported differently "
                                "(columns in another order, age stored as float, one unused "
                                "column more) changed it")
        if problems:
            return Verdict(False, "the fingerprint is not stable: "
                                  + "; ".join(dict.fromkeys(problems)))
        return Verdict(True, self.title)


class FingerprintSensitive(HiddenCheck):
    """Another C, fewer rows, or another extract must change the fingerprint."""

    function = "fingerprint_after_fit"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(2):
            X, y = reference.features_and_label(reference.extract(rng, 1_500))
            keep = np.sort(rng.choice(len(X), size=len(X) - 15, replace=False))
            calls += [fingerprint_call(X, y, 1.0), fingerprint_call(X, y, 0.2),
                      fingerprint_call(X.iloc[keep].reset_index(drop=True), y[keep], 1.0)]
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        values, failed = _fingerprints(calls, answers)
        if failed:
            return failed
        problems = []
        for i in range(0, len(values), 3):
            first, other_c, fewer = values[i:i + 3]
            if other_c == first:
                problems.append("another C")
            if fewer == first:
                problems.append("1% fewer training rows")
        if values[0] == values[3]:
            problems.append("another training extract")
        if problems:
            return Verdict(False, "the fingerprint stays the same when the model changes: "
                                  + ", ".join(dict.fromkeys(problems)))
        return Verdict(True, self.title)


# --------------------------------------------------------------------------- monitor

def _is_index(value: object, length: int) -> bool:
    return value is None or (type(value) is int and 0 <= value < length)


def _alerts(calls: Sequence[Call], answers: Sequence[Answer]) -> tuple[list, Verdict | None]:
    failed = first_error(calls, answers)
    if failed:
        return [], failed
    for call, answer in zip(calls, answers, strict=True):
        if not _is_index(answer.value, len(call.args[1])):
            return [], Verdict(False, "`monitor` must return the index of a batch (an int "
                                      "between 0 and len(batches) - 1) or None")
    return [a.value for a in answers], None


QUIET_STREAMS, MAX_ALARMED = 10, 2
SHIFTED = ["campaign", "younger", "loans", "monthly_income", "history"] * 2
SHIFT_SLACK = 4
"""Batches allowed after the first shifted one (the lesson's rule needs 1)."""
MAX_OUTSIDE = 1


class MonitorQuiet(HiddenCheck):
    """Clean streams of later applications: at most a few may raise an alert."""

    function = "monitor"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("monitor", reference.stream(rng)) for _ in range(QUIET_STREAMS)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        alerts, failed = _alerts(calls, answers)
        if failed:
            return failed
        alarmed = sum(a is not None for a in alerts)
        if alarmed > MAX_ALARMED:
            return Verdict(False, f"{alarmed} of {len(calls)} hidden streams without any drift "
                                  f"raised an alert; at most {MAX_ALARMED} may")
        return Verdict(True, self.title)


class MonitorShift(HiddenCheck):
    """Streams with a shift at a hidden batch: alert at or after it, within a few batches."""

    function = "monitor"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("monitor", reference.stream(rng, shift)) for shift in SHIFTED]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        alerts, failed = _alerts(calls, answers)
        if failed:
            return failed
        early = late = 0
        for call, alert in zip(calls, alerts, strict=True):
            start = reference.shift_start(call.args[0])
            if alert is not None and alert < start:
                early += 1
            elif alert is None or alert > start + SHIFT_SLACK:
                late += 1
        if early + late > MAX_OUTSIDE:
            return Verdict(False, f"on hidden streams with a shift, the alert came before the "
                                  f"shift on {early} and more than {SHIFT_SLACK} batches after "
                                  f"it, or never, on {late} of {len(calls)} streams")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m13-capstone/end-to-end-model",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        ContractClean(
            "contract-clean", "violations passes clean batches, values on the bounds included", 1,
            hints=["The contract's bounds are inclusive: an applicant aged exactly 18 or a loan "
                   "of exactly 25,000 keeps it. Does your validator also accept a batch whose "
                   "columns come in another order, or in which one category does not occur?",
                   "Flag `values < rule['min']` and `values > rule['max']` (strict), check "
                   "categories with `isin(allowed)` in that direction only (an absent category "
                   "is fine), and ignore columns that are not in CONTRACT."]),
        ContractCheck(
            "contract-structure", "violations stops missing columns, missing values and wrong "
            "types, naming the column", 1,
            [_missing_column, _nan_in_float, _nan_in_int, _none_in_category, _int_as_float,
             _numbers_as_text],
            hints=["Damage a copy of the extract yourself: drop a column, put NaN in a number "
                   "column and None in a text column, turn `age` into floats, send `income` as "
                   "text. Does each give a message that names that column, without crashing?",
                   "Check `column in batch.columns` first, count `isna()`, then the dtype with "
                   "`pd.api.types.is_integer_dtype` / `is_numeric_dtype` on the non-missing "
                   "values; when a numeric column holds text, report the type and skip the "
                   "range comparisons for it (comparing text with numbers raises)."]),
        ContractCheck(
            "contract-values", "violations stops values out of range, outside their set, and "
            "unknown categories, naming the column", 1,
            [_below, _above, lambda b, r: _below(b, r, ("age",)), _bad_term, _bad_label,
             _unknown("home_ownership"), _unknown("purpose")],
            hints=["A negative income, a loan of 40,000, a 48-month term and the purpose 'Car' "
                   "all have the right type. Which of them does your validator let through?",
                   "For every rule in CONTRACT: `min` and `max` (compare the non-missing "
                   "values), `allowed` for numbers and categories alike (`~values.isin(rule"
                   "['allowed'])`), each violation as a message that starts with the column "
                   "name."]),
        PipelineMargin(
            "pipeline-margin", "fitted on earlier months, the pipeline beats the scorecard by "
            "the brief's margin on later months", 2,
            hints=["Run the time split of section 2 and compare your ROC-AUC with ranking by "
                   "debt_to_income alone. Which features does your pipeline give the model?",
                   "Use all nine application-time features: the seven numeric ones scaled, "
                   "home_ownership and purpose one-hot encoded, and a LogisticRegression with "
                   "max_iter=1000 is enough to clear the margin."]),
        PipelineNoLeak(
            "pipeline-no-leak", "the probabilities do not depend on recovery_amount, the id or "
            "the date", 2,
            hints=["Score a batch, then change only recovery_amount, application_id and "
                   "applied_at in it and score again. Should any probability move?",
                   "Name the feature columns explicitly in the ColumnTransformer and keep "
                   "remainder='drop'; recovery_amount is recorded after a default, the id and "
                   "the date only say when the application came in. Selecting columns by dtype "
                   "picks recovery_amount and application_id up again."]),
        PipelineFitStatistics(
            "pipeline-fit-statistics", "the pipeline learns its statistics from the rows passed "
            "to fit", 2,
            hints=["Another warehouse records amounts in thousands of euros and credit history in "
                   "months. After retraining on its data, should any probability change?",
                   "Every mean, scale or bin edge must be learned by a step inside the pipeline "
                   "when fit is called (StandardScaler, not a FunctionTransformer holding "
                   "numbers computed on the notebook's extract)."]),
        FingerprintStable(
            "fingerprint-stable", "the fingerprint survives identical refits, pickling and "
            "another export of the same rows", 1,
            hints=["Fit the pipeline twice, pickle one copy and load it back, and fit it once "
                   "more on the same frame with its columns reordered, age as float and an unused "
                   "column added. Do the four fingerprints agree?",
                   "Hash what the model computes, in a canonical form: the fitted statistics "
                   "and coefficients as float64 bytes and the category lists, in a fixed order "
                   "(canonical JSON with sorted keys). Pickle bytes, object ids, the order of "
                   "the input columns and random numbers do not belong in it."]),
        FingerprintSensitive(
            "fingerprint-sensitive", "the fingerprint changes when the model changes", 1,
            hints=["Refit with another C, and on the same rows minus a few. Does the "
                   "fingerprint change?",
                   "Include the fitted parameters (coefficients, intercept, scaler statistics), "
                   "not only the hyperparameters, and hash their exact bytes rather than a "
                   "rounded summary."]),
        MonitorQuiet(
            "monitor-quiet", "the monitor stays quiet on clean streams of 200-application "
            "batches", 1,
            hints=["Run your monitor on a dozen clean streams of batches of 200 applications. "
                   "How often does a single batch cross your threshold by chance, and does one "
                   "such batch raise the alert?",
                   "Alert only after `patience` consecutive batches above the threshold, and "
                   "choose both from simulated clean streams of this batch size (PSI 0.2 with "
                   "a patience of 2, as in lesson 04, is quiet). Monitor the features, not "
                   "application_id or applied_at, which grow by construction."]),
        MonitorShift(
            "monitor-shift", "the monitor alerts within a few batches after a shift, never "
            "before", 1,
            hints=["Inject a shift yourself in one feature at a time (younger applicants, "
                   "larger loans, income per month instead of per year) and see whether and "
                   "when your monitor alerts.",
                   "Compare every batch with the same reference (not with the previous batch), "
                   "take the largest statistic over the monitored features (an average dilutes "
                   "a shift in one of them), and return the index of the batch that completes "
                   "the run."]),
    ],
)
