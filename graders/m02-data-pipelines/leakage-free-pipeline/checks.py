"""Checks for leakage-free-pipeline: the public examples plus four hidden checks.

Every hidden check builds the learner's pipeline in the sandbox and chains
``fit`` and ``predict_proba`` on it (Step chains), so only probabilities come back.

* ``quality-no-leak``: trained on labelled folds where ``refund_amount`` is
  recorded after the outcome, scored on folds as seen at prediction time (the
  column unrelated to the outcome, labels kept here); mean ROC-AUC within
  ``AUC_TOLERANCE`` of the reference pipeline's on the same folds.
* ``batch-independent``: the same rows scored alone, in their batch and in a
  batch padded with shifted rows must get the same probabilities.
* ``learns-from-training``: retrained on the same customers with age in months,
  a pipeline whose statistics are learned in ``fit`` predicts the same.
* ``unseen-categories``: new categories at prediction time give valid probabilities.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from academy.grading.checks import (
    Answer,
    Call,
    HiddenCheck,
    Step,
    Suite,
    Verdict,
    describe_error,
    public_checks,
)

from . import reference
from .public import PUBLIC_CHECKS

AUC_TOLERANCE = 0.06
"""Allowed shortfall of the mean hidden-fold ROC-AUC against the reference (in the notebook)."""
SAME = 1e-6
"""Probabilities that must be equal may differ by rounding only."""
UNITS_TOLERANCE = 0.02
"""Largest allowed change of a probability when age is recorded in months (in the notebook)."""
MONTHS_PER_YEAR = 12.0


def fit_predict(X_train: pd.DataFrame, y_train: np.ndarray, X_test: pd.DataFrame) -> Call:
    """make_pipeline().fit(X_train, y_train).predict_proba(X_test), in the sandbox."""
    return Call("make_pipeline", then=(Step("fit", (X_train, y_train)),
                                      Step("predict_proba", (X_test,))))


def _probabilities(answers: Sequence[Answer], sizes: Sequence[int]) -> tuple[list, Verdict | None]:
    """The class-1 probabilities of each answer, or a failing verdict that says why."""
    out = []
    for answer, n in zip(answers, sizes, strict=True):
        if not answer.ok:
            return [], Verdict(False, describe_error("make_pipeline", answer.error or ""))
        value = answer.value
        if not isinstance(value, np.ndarray) or value.shape != (n, 2):
            return [], Verdict(False, "predict_proba must return an array with one row per "
                               "customer and one column per class (0 and 1)")
        if not np.all(np.isfinite(value)) or value.min() < 0 or value.max() > 1:
            return [], Verdict(False, "predict_proba returned values that are not probabilities "
                               "(NaN, infinite, or outside 0..1)")
        out.append(value[:, 1].astype(float))
    return out, None


def _test_size(call: Call) -> int:
    return len(call.then[-1].args[0])


def _sizes(calls: Sequence[Call]) -> list[int]:
    return [_test_size(c) for c in calls]


NOT_DETERMINISTIC = Verdict(False, "two fits of make_pipeline() on the same data give different "
                            "probabilities; fix random_state so the pipeline is reproducible")


# --------------------------------------------------------------------------- quality

class QualityWithoutLeak(HiddenCheck):
    """Mean ROC-AUC on prediction-time folds, against the reference on the same folds."""

    function = "make_pipeline"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(3):
            X_train, y_train = reference.training_fold(rng, 1000)
            calls.append(fit_predict(X_train, y_train, reference.prediction_fold(rng, 400)))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        probas, failed = _probabilities(answers, _sizes(calls))
        if failed:
            return failed
        mine, theirs = [], []
        for call, proba in zip(calls, probas, strict=True):
            (X_train, y_train), (X_test,) = call.then[0].args, call.then[1].args
            y_test = reference.held_out_labels(X_test)
            model = reference.make_pipeline().fit(X_train, y_train)
            mine.append(roc_auc_score(y_test, proba))
            theirs.append(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
        if np.mean(mine) < np.mean(theirs) - AUC_TOLERANCE:
            return Verdict(False, "on hidden folds scored as at prediction time, the pipeline "
                           "ranks customers much worse than a plain logistic-regression "
                           "pipeline (mean ROC-AUC more than "
                           f"{AUC_TOLERANCE:g} lower): does it use a column that is only "
                           "known after the outcome?")
        return Verdict(True, self.title)


# --------------------------------------------------------------------------- batches

PADDED = ("tenure_months", "monthly_charges", "days_since_last_login", "age")
PAD_BEFORE = 70
"""Padding rows placed before the batch (the rest go after it)."""


def _padding(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Customers far from the usual ones, so batch statistics move a lot."""
    pad = reference.prediction_fold(rng, n)
    for column in PADDED:
        pad[column] = pad[column] * 3 + 40
    return pad


class BatchIndependent(HiddenCheck):
    """Rows scored alone, in their batch and in a padded batch get the same probability."""

    function = "make_pipeline"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(2):
            X_train, y_train = reference.training_fold(rng, 800)
            batch = reference.prediction_fold(rng, 200)
            missing = np.flatnonzero(batch["age"].isna().to_numpy())
            complete = np.flatnonzero(batch["age"].notna().to_numpy())
            pad = _padding(rng, 150)
            padded = pd.concat([pad.iloc[:PAD_BEFORE], batch, pad.iloc[PAD_BEFORE:]],
                               ignore_index=True)
            calls += [
                fit_predict(X_train, y_train, batch),
                fit_predict(X_train, y_train, padded),
                fit_predict(X_train, y_train, batch),  # again: is the pipeline reproducible?
                fit_predict(X_train, y_train, batch.iloc[[int(missing[0])]]),
                fit_predict(X_train, y_train, batch.iloc[[int(complete[0])]]),
            ]
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        batch_calls = [c for i, c in enumerate(calls) if i % 5 < 3]
        single_calls = [c for i, c in enumerate(calls) if i % 5 >= 3]
        batch_answers = [a for i, a in enumerate(answers) if i % 5 < 3]
        single_answers = [a for i, a in enumerate(answers) if i % 5 >= 3]
        probas, failed = _probabilities(batch_answers, _sizes(batch_calls))
        if failed:
            return failed
        changed = 0
        for i in range(0, len(batch_calls), 3):
            in_batch, in_padded, again = probas[i:i + 3]
            if not np.allclose(in_batch, again, rtol=0, atol=SAME):
                return NOT_DETERMINISTIC
            size = len(in_batch)
            changed += not np.allclose(in_padded[PAD_BEFORE:PAD_BEFORE + size], in_batch,
                                       rtol=0, atol=SAME)
        if changed:
            return Verdict(False, "a customer's probability changes when unusual customers are "
                           "scored in the same batch: a step computes statistics at prediction "
                           f"time instead of in fit (on {changed} of {len(calls) // 5} hidden "
                           "folds)")
        alone_failed = next((a for a in single_answers if not a.ok), None)
        if alone_failed is not None:
            first_line = (alone_failed.error or "").splitlines()[0][:160]
            return Verdict(False, "scoring a single customer on its own fails although batches "
                           f"work: a step needs the batch at prediction time ({first_line})")
        singles, failed = _probabilities(single_answers, _sizes(single_calls))
        if failed:
            return failed
        differs = 0
        for k in range(len(single_calls) // 2):
            batch = batch_calls[3 * k].then[1].args[0]
            in_batch = probas[3 * k]
            missing = int(np.flatnonzero(batch["age"].isna().to_numpy())[0])
            complete = int(np.flatnonzero(batch["age"].notna().to_numpy())[0])
            differs += (abs(singles[2 * k][0] - in_batch[missing]) > SAME
                        or abs(singles[2 * k + 1][0] - in_batch[complete]) > SAME)
        if differs:
            return Verdict(False, "a customer scored on its own gets another probability than in a "
                           "batch: a step computes statistics at prediction time instead of in "
                           f"fit (on {differs} of {len(calls) // 5} hidden folds)")
        return Verdict(True, self.title)


# --------------------------------------------------------------------------- units

def _in_months(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["age"] = out["age"] * MONTHS_PER_YEAR
    return out


class LearnsFromTraining(HiddenCheck):
    """Retrained on age in months, the pipeline must predict what it predicted in years."""

    function = "make_pipeline"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(2):
            X_train, y_train = reference.training_fold(rng, 800)
            X_test = reference.prediction_fold(rng, 300)
            calls += [
                fit_predict(X_train, y_train, X_test),
                fit_predict(_in_months(X_train), y_train, _in_months(X_test)),
                fit_predict(X_train, y_train, X_test),
            ]
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        probas, failed = _probabilities(answers, _sizes(calls))
        if failed:
            return failed
        changed = 0
        for i in range(0, len(calls), 3):
            years, months, again = probas[i:i + 3]
            if not np.allclose(years, again, rtol=0, atol=SAME):
                return NOT_DETERMINISTIC
            changed += float(np.max(np.abs(years - months))) > UNITS_TOLERANCE
        if changed:
            return Verdict(False, "retrained on data that record age in months instead of years, "
                           "the pipeline predicts differently: some statistic (a fill value, a "
                           "mean, a scale) was not learned from the data passed to fit "
                           f"(on {changed} of {len(calls) // 3} hidden markets)")
        return Verdict(True, self.title)


# --------------------------------------------------------------------------- categories

def _with_unseen(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column, value, rows in [("plan", "enterprise", slice(0, 10)),
                                ("region", "overseas", slice(5, 15)),
                                ("payment_method", "crypto", slice(10, 20))]:
        values: list[Any] = out[column].tolist()
        values[rows] = [value] * len(values[rows])
        out[column] = pd.Series(values, dtype=object)
    return out


class UnseenCategories(HiddenCheck):
    """Categories that training never showed still get valid probabilities."""

    function = "make_pipeline"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(2):
            X_train, y_train = reference.training_fold(rng, 600)
            X_test = _with_unseen(reference.prediction_fold(rng, 60))
            calls.append(fit_predict(X_train, y_train, X_test))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        for answer in answers:
            error = answer.error or ""
            if not answer.ok and ("unknown categor" in error or "features" in error):
                return Verdict(False, "predict_proba fails on customers whose plan, region or "
                               "payment method did not occur in the training data")
        probas, failed = _probabilities(answers, _sizes(calls))
        if failed:
            return failed
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m02-data-pipelines/leakage-free-pipeline",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        QualityWithoutLeak(
            "quality-no-leak", "the pipeline predicts well on folds scored at prediction time", 3,
            hints=["Offline the model may look excellent; the hidden folds are scored the way "
                   "production sees customers. Which column would not have its final value on "
                   "the scoring date? The univariate screen in section 1 points at it.",
                   "Leave refund_amount out: name the numeric and categorical columns "
                   "explicitly in the ColumnTransformer and keep remainder='drop'. A selector "
                   "such as make_column_selector(dtype_include='number') picks the leak up "
                   "again."]),
        BatchIndependent(
            "batch-independent", "a customer's probability does not depend on the batch", 2,
            hints=["Score one customer alone, then inside a batch of unusual customers. Which of "
                   "your steps looks at the other rows when it transforms?",
                   "Only fit may learn: use SimpleImputer and StandardScaler (or a custom "
                   "transformer that stores its statistics in fit and only applies them in "
                   "transform). FunctionTransformer is stateless, so a median or mean computed "
                   "inside it is the batch's; pd.get_dummies sees only the batch's "
                   "categories."]),
        LearnsFromTraining(
            "learns-from-training", "the pipeline learns its statistics from the data passed to "
            "fit", 2,
            hints=["Suppose another market records age in months. After retraining on that "
                   "market's data, should any probability change?",
                   "Every fill value, mean and scale must be learned by a step inside the "
                   "pipeline when fit is called. Do not fit an imputer, scaler or "
                   "ColumnTransformer on the notebook's data and wrap its transform (or its "
                   "numbers) into the pipeline."]),
        UnseenCategories(
            "unseen-categories", "unseen categories do not break predict_proba", 2,
            hints=["The scoring job will meet plans, regions and payment methods that the "
                   "training data never contained. What does your encoder do with them?",
                   "Use OneHotEncoder(handle_unknown='ignore') (or OrdinalEncoder with "
                   "handle_unknown='use_encoded_value', unknown_value=-1); avoid pd.get_dummies "
                   "inside the pipeline."]),
    ],
)
