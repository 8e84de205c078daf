"""Checks for retraining-gate: the public examples plus seven hidden checks.

* ``flags-corrupt`` / ``passes-clean``: ``validate_batch`` on hidden batches that each break
  one rule of the contract, and on clean batches in forms a strict validator trips over
  (columns reordered, extra columns, values on the bounds, int32 columns, exactly MIN_ROWS
  rows, a city absent).
* ``rejects-broken-batch``: ``run_pipeline`` on corrupted batches rejects them with the
  problems and empty metrics (it trained nothing).
* ``promotes-better`` / ``rejects-worse``: ``run_pipeline`` on a clean batch of the current
  regime while production was trained on the old one, and on a batch whose labels a broken
  join scrambled while production is recent. The right decision is judged on a hidden test
  set of fresh deliveries (reference.right_decision), which never enters the sandbox.
* ``rejects-marginal``: a candidate better than production by half the margin.
* ``holdout-metric``: the holdout ROC-AUC reported by ``run_pipeline`` equals the reference's
  retrained model's within ``AUC_TOLERANCE``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from academy.grading.checks import (
    Answer,
    Call,
    HiddenCheck,
    Suite,
    Verdict,
    first_error,
    public_checks,
)

from . import reference
from .public import PUBLIC_CHECKS

AUC_TOLERANCE = 0.005
"""Largest allowed difference between the reported and the reference holdout ROC-AUC."""


def _pipeline_records(calls: Sequence[Call], answers: Sequence[Answer]) -> tuple[list, Verdict | None]:
    """The answers of run_pipeline as dicts, or a failing verdict saying what is malformed."""
    failed = first_error(calls, answers)
    if failed:
        return [], failed
    records = []
    for answer in answers:
        value = answer.value
        if not isinstance(value, dict) or value.get("decision") not in ("promote", "reject"):
            return [], Verdict(False, "run_pipeline must return a dict whose 'decision' is "
                                      "'promote' or 'reject'")
        if not isinstance(value.get("reason"), str) or not value["reason"].strip():
            return [], Verdict(False, "run_pipeline must give a non-empty 'reason' (text)")
        if not isinstance(value.get("metrics"), dict) or not isinstance(value.get("problems"),
                                                                         list):
            return [], Verdict(False, "run_pipeline must return 'metrics' (a dict) and "
                                      "'problems' (a list)")
        records.append(value)
    return records, None


def _reported_auc(record: dict) -> float | None:
    auc = record["metrics"].get("roc_auc")
    if isinstance(auc, (int, float)) and not isinstance(auc, bool) and np.isfinite(auc):
        return float(auc)
    return None


# --------------------------------------------------------------------------- validation

class FlagsCorrupt(HiddenCheck):
    function = "validate_batch"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("validate_batch", (reference.corrupt(rng, kind),))
                for kind in reference.CORRUPTIONS]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        if not all(isinstance(a.value, list) and all(isinstance(p, str) for p in a.value)
                   for a in answers):
            return Verdict(False, "validate_batch must return a list of strings")
        missed = sum(1 for a in answers if not a.value)
        if missed:
            return Verdict(False, f"validate_batch finds no problem in {missed} of {len(calls)} "
                                  "hidden batches that each break one rule of the contract")
        return Verdict(True, self.title)


class PassesClean(HiddenCheck):
    function = "validate_batch"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("validate_batch", (reference.clean_variant(rng, kind),))
                for kind in reference.CLEAN_VARIANTS]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        flagged = sum(1 for a in answers if a.value != [])
        if flagged:
            return Verdict(False, f"validate_batch reports problems (or returns something "
                                  f"other than an empty list) for {flagged} of {len(calls)} "
                                  "hidden batches that meet the contract")
        return Verdict(True, self.title)


# --------------------------------------------------------------------------- the pipeline

class RejectsBrokenBatch(HiddenCheck):
    function = "run_pipeline"
    kinds = ("metres", "unknown-city", "null-hours", "missing-column", "text-labels",
             "too-few-rows", "negative-value", "label-2")

    def calls(self, rng: np.random.Generator) -> list[Call]:
        holdout = reference.make_batch(rng, reference.HOLDOUT_ROWS)
        production = {"roc_auc": round(float(rng.uniform(0.6, 0.7)), 6),
                      "rows": reference.HOLDOUT_ROWS}
        return [Call("run_pipeline", (reference.corrupt(rng, kind, 1500), holdout, production))
                for kind in self.kinds]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        records, failed = _pipeline_records(calls, answers)
        if failed:
            return failed
        promoted = sum(r["decision"] == "promote" for r in records)
        if promoted:
            return Verdict(False, f"run_pipeline promotes a model trained on {promoted} of "
                                  f"{len(calls)} corrupted hidden batches")
        trained = sum(bool(r["metrics"]) or not r["problems"] for r in records)
        if trained:
            return Verdict(False, f"on {trained} of {len(calls)} corrupted hidden batches, "
                                  "run_pipeline reports no problems or reports metrics: it "
                                  "must stop after validation, with the problems and empty "
                                  "metrics")
        return Verdict(True, self.title)


class Decides(HiddenCheck):
    """run_pipeline on scenarios of one kind; the decision must be the right one."""

    function = "run_pipeline"

    def __init__(self, id: str, title: str, points: float, kind: str, count: int, *,
                 wrong: str, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.kind, self.count, self.wrong = kind, count, wrong

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("run_pipeline", reference.scenario(self.kind, rng))
                for _ in range(self.count)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        records, failed = _pipeline_records(calls, answers)
        if failed:
            return failed
        wrong = 0
        for call, record in zip(calls, records, strict=True):
            expected = reference.right_decision(self.kind, *call.args)
            wrong += record["decision"] != expected
        if wrong:
            return Verdict(False, f"{self.wrong} (on {wrong} of {len(calls)} hidden runs)")
        return Verdict(True, self.title)


class HoldoutMetric(HiddenCheck):
    function = "run_pipeline"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("run_pipeline", reference.scenario(kind, rng))
                for kind in ("better", "worse")]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        records, failed = _pipeline_records(calls, answers)
        if failed:
            return failed
        off = 0
        for call, record in zip(calls, records, strict=True):
            batch, holdout, _ = call.args
            mine = _reported_auc(record)
            theirs = reference.evaluate(reference.train(batch), holdout)["roc_auc"]
            if mine is None:
                return Verdict(False, "run_pipeline's metrics have no 'roc_auc' number for a "
                                      "clean batch")
            off += abs(mine - theirs) > AUC_TOLERANCE
        if off:
            return Verdict(False, "the holdout ROC-AUC that run_pipeline reports differs from "
                                  "the grader's model trained the specified way on the same "
                                  f"batch (by more than {AUC_TOLERANCE:g}, on {off} of "
                                  f"{len(calls)} hidden runs)")
        return Verdict(True, self.title)


def _check(cls: Any, id: str, title: str, points: float, hints: Sequence[str]) -> HiddenCheck:
    return cls(id, title, points, hints=hints)


SUITE = Suite(
    exercise="m10-pipelines-cicd/retraining-gate",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        _check(FlagsCorrupt, "flags-corrupt",
               "validate_batch flags every corrupted hidden batch", 1,
               ["Each hidden batch breaks exactly one rule of the contract: too few rows, a "
                "missing column, missing values, a numeric column that arrived as text, a "
                "non-integer hour or label, a value out of range, an unknown city. Build one "
                "broken copy of week-07 per rule and try your validator on each.",
                "Look at every column of COLUMNS: present? any nulls (isna)? numeric dtype and "
                "not bool (and integer for hour and late)? any value < lo or > hi? For city: "
                "any value not in CITIES (case and spelling matter)? A single bad row is a "
                "problem."]),
        _check(PassesClean, "passes-clean",
               "validate_batch passes every clean hidden batch", 1,
               ["Clean hidden batches come in forms your validator should accept: columns in "
                "another order, extra columns, values exactly on the bounds, integer columns "
                "of another width, exactly MIN_ROWS rows, a city that does not occur.",
                "Select the contract's columns by name instead of comparing the whole column "
                "list; use inclusive bounds (flag v < lo or v > hi); test integer columns with "
                "pd.api.types.is_integer_dtype, not dtype == 'int64'; require at least "
                "MIN_ROWS rows, not more."]),
        _check(RejectsBrokenBatch, "rejects-broken-batch",
               "run_pipeline rejects corrupted batches without training", 1,
               ["A corrupted batch must stop the run after validation: decision 'reject', the "
                "problems, and metrics {}. Does your run_pipeline train first and look at the "
                "problems only afterwards?",
                "Call validate_batch first and return the reject record at once when it finds "
                "anything; only a clean batch reaches train(). Some corruptions (a distance "
                "in metres, a negative order value) train without any error, so only the "
                "validator can stop them."]),
        Decides("promotes-better", "run_pipeline promotes a clearly better candidate", 1,
                "better", 2,
                wrong="run_pipeline rejects a candidate that is clearly better than production "
                      "on fresh data",
                hints=["Does public check pipeline-example pass? If it does, compare the "
                       "metric your gate reads with the one your evaluate writes: same key, "
                       "computed on the holdout from probabilities.",
                       "The score of a delivery is its probability of being late: "
                       "predict_proba(...)[:, 1] (column 1 is class 1). Column 0, or 0/1 "
                       "labels from predict(), rank the deliveries badly, and a good candidate "
                       "looks worse than production."]),
        Decides("rejects-worse", "run_pipeline rejects a candidate trained on scrambled labels",
                1, "worse", 2,
                wrong="run_pipeline promotes a candidate that is worse than production",
                hints=["A batch can meet the contract and still train a bad model: here most "
                       "labels landed on the wrong orders. What does your gate do when the "
                       "candidate's metric is far *below* production's?",
                       "The gain is candidate minus production, signed. Promote only when "
                       "gain >= min_improvement; do not use abs(gain), which also promotes a "
                       "much worse model."]),
        Decides("rejects-marginal", "run_pipeline rejects a candidate within the margin", 1,
                "marginal", 1,
                wrong="run_pipeline promotes a candidate that is better than production by "
                      "less than the required improvement",
                hints=["A candidate slightly better than production is not worth a rollout: "
                       "look at the policy.",
                       "Compare candidate - production with policy['min_improvement'] (>= to "
                       "promote), not with 0."]),
        _check(HoldoutMetric, "holdout-metric",
               "run_pipeline reports the candidate's holdout ROC-AUC", 2,
               ["The grader trains the specified model on the same batch and evaluates it on "
                "the same holdout. Is your model exactly the recipe of section 2, and do you "
                "evaluate on the holdout, not on the training batch?",
                "metrics['roc_auc'] must be roc_auc_score(holdout[LABEL], "
                "model.predict_proba(holdout[FEATURES])[:, 1]) for the pipeline of "
                "StandardScaler (order_value, distance_km) + OneHotEncoder(handle_unknown="
                "'ignore') (hour, city) + LogisticRegression(C=1.0, max_iter=1000)."]),
    ],
)
