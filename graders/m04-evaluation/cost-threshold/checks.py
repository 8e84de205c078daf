"""Checks for cost-threshold: the public examples plus hidden random inputs.

Scores are drawn as calibrated probabilities of a two-Gaussian model, so the
cost-optimal threshold moves with the cost ratio the way the lesson says.
best_threshold is judged three ways:

* ``best-valid``: the cost the learner's threshold achieves on the validation
  data it was given must equal the minimum there (any minimiser passes);
* ``best-ties``: on tie-rich inputs, the exact threshold (largest minimiser);
* ``best-held-out``: a test set from the same distribution, never sent, on
  which the learner's threshold must cost about as little as a validation-optimal one.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import numpy as np

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

from . import reference
from .public import PUBLIC_CHECKS

MAX_TRIES = 2000


def scored(rng: np.random.Generator, n: int, prevalence: float, separation: float = 1.5,
           decimals: int | None = None, n_pos: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Labels and calibrated scores; ``decimals`` rounds the scores (ties), ``n_pos`` fixes
    the number of positives. Both classes are present unless ``n_pos`` is 0."""
    if n_pos is None:
        y = (rng.random(n) < prevalence).astype(np.int64)
        y[:2] = [1, 0]
        y = rng.permutation(y)
    else:
        y = rng.permutation(np.r_[np.ones(n_pos, np.int64), np.zeros(n - n_pos, np.int64)])
    z = rng.normal(size=n) + separation * y
    logit = math.log(prevalence / (1 - prevalence)) + separation * z - separation ** 2 / 2
    score = 1 / (1 + np.exp(-logit))
    return y, (np.round(score, decimals) if decimals is not None else score)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not (
        isinstance(value, float) and math.isnan(value))


# --- expected_cost -----------------------------------------------------------------------

def cost_inputs(rng: np.random.Generator) -> list:
    """Thresholds on a score, on a tied score, between scores, above and below them all."""
    cases = []
    y, s = scored(rng, 20, 0.5)
    cases.append(((y, s, float(rng.choice(s)), 1.0, 5.0), {}))
    y, s = scored(rng, 300, 0.05, decimals=2)
    cases.append(((y, s, float(rng.choice(s)), 10.0, 1.0), {}))
    y, s = scored(rng, 2000, 0.3)
    cases.append(((y, s, float(rng.uniform(0.2, 0.8)), 2.5, 0.75), {}))
    y, s = scored(rng, 150, 0.2, decimals=1)
    cases.append(((y, s, math.inf, 3.0, 7.0), {}))  # nothing flagged
    y, s = scored(rng, 150, 0.6)
    cases.append(((y, s, 0.0, 3.0, 7.0), {}))  # everything flagged
    y, s = scored(rng, 64, 0.3, decimals=1, n_pos=0)
    cases.append(((y, s, float(rng.choice(s)), 2.0, 1.0), {}))  # no positives at all
    return cases


# --- best_threshold ----------------------------------------------------------------------

def _valid_cases(rng: np.random.Generator) -> list[Call]:
    calls = []
    for n, prevalence, decimals, cost_fp, cost_fn in [
        (40, 0.5, None, 1.0, 1.0),
        (600, 0.1, 2, 1.0, 12.0),
        (1200, 0.35, None, 6.5, 1.5),
    ]:
        y, s = scored(rng, n, prevalence, decimals=decimals)
        calls.append(Call("best_threshold", (y, s, cost_fp, cost_fn)))
    # False alarms so dear that flagging nothing is the only optimum.
    for _ in range(MAX_TRIES):
        y, s = scored(rng, 50, 0.1, separation=1.0)
        if list(reference.minimisers(y, s, 20.0, 1.0)) == [math.inf]:
            break
    calls.append(Call("best_threshold", (y, s, 20.0, 1.0)))
    return calls


def _not_thresholds(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | None:
    """A failing verdict unless every call of best_threshold returned a number."""
    failed = first_error(calls, answers)
    if failed:
        return failed
    if not all(_is_number(a.value) for a in answers):
        return Verdict(False, "`best_threshold` must return a number (a float; "
                              "np.inf for 'predict nothing positive')")
    return None


class OptimalOnValidation(HiddenCheck):
    """The cost of the returned threshold, on the data it was chosen on, is the minimum."""

    function = "best_threshold"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return _valid_cases(rng)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _not_thresholds(calls, answers)
        if failed:
            return failed
        worse = 0
        for call, answer in zip(calls, answers, strict=True):
            y, s, cost_fp, cost_fn = call.args
            got = reference.expected_cost(y, s, float(answer.value), cost_fp, cost_fn)
            best = float(reference.candidate_costs(y, s, cost_fp, cost_fn)[1].min())
            if got > best + 1e-9 * max(1.0, abs(best)):
                worse += 1
        if worse:
            return Verdict(False, "the returned threshold does not minimise the expected cost on "
                                  f"the data it was given (higher than the minimum on {worse} of "
                                  f"{len(calls)} hidden inputs)")
        return Verdict(True, self.title)


def tie_inputs(rng: np.random.Generator) -> list:
    """Rounded scores and integer costs where several thresholds share the minimum cost.

    Sizes are powers of two, so per-sample costs are exact in floating point and a tie
    is a tie however the learner sums. "Predict nothing" never ties for the minimum.
    In the second case the answer also differs from the accuracy-optimal and the
    swapped-cost answers.
    """
    cases = []
    for n, prevalence, decimals, cost_fp, cost_fn, strict in [
        (16, 0.5, 1, 1.0, 1.0, False),
        (64, 0.3, 1, 1.0, 3.0, True),
        (256, 0.4, 1, 3.0, 2.0, False),
        (1024, 0.2, 2, 1.0, 4.0, False),
    ]:
        for _ in range(MAX_TRIES):
            y, s = scored(rng, n, prevalence, separation=1.2, decimals=decimals)
            tied = reference.minimisers(y, s, cost_fp, cost_fn)
            if len(tied) < 2 or math.isinf(tied.max()):
                continue
            if strict and tied.max() in (reference.best_threshold(y, s, 1.0, 1.0),
                                         reference.best_threshold(y, s, cost_fn, cost_fp)):
                continue
            break
        cases.append(((y, s, cost_fp, cost_fn), {}))
    return cases


HELD_OUT = [  # (validation size, prevalence, separation, cost_fp, cost_fn)
    (1500, 0.10, 1.5, 1.0, 15.0),
    (1000, 0.40, 1.2, 8.0, 1.0),
    (2000, 0.05, 2.0, 1.0, 40.0),
]
TEST_SIZE = 50_000
TOLERANCE = 0.20


class HeldOutCost(HiddenCheck):
    """Validation data is sent; a test set from the same distribution stays here.

    The test set is a deterministic function of the validation scores (through a hash),
    so judging needs no state from ``calls``. The learner's threshold must cost at most
    ``1 + TOLERANCE`` times what a validation-optimal threshold costs on it (the worst of
    them when several tie on validation), so every minimiser passes whatever its tie-break;
    cost-blind thresholds (0.5, best accuracy, swapped costs) cost 1.4 to 10 times as much.
    """

    function = "best_threshold"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for n, prevalence, separation, cost_fp, cost_fn in HELD_OUT:
            y, s = scored(rng, n, prevalence, separation)
            calls.append(Call("best_threshold", (y, s, cost_fp, cost_fn)))
        return calls

    @staticmethod
    def test_set(index: int, y_val: np.ndarray, s_val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        _, prevalence, separation, _, _ = HELD_OUT[index]
        digest = hashlib.sha256(np.ascontiguousarray(s_val).tobytes()).digest()
        rng = np.random.default_rng([int.from_bytes(digest[:8], "little"), index, len(y_val)])
        return scored(rng, TEST_SIZE, prevalence, separation)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _not_thresholds(calls, answers)
        if failed:
            return failed
        worse = 0
        for index, (call, answer) in enumerate(zip(calls, answers, strict=True)):
            y, s, cost_fp, cost_fn = call.args
            y_test, s_test = self.test_set(index, y, s)
            want = max(reference.expected_cost(y_test, s_test, t, cost_fp, cost_fn)
                       for t in reference.minimisers(y, s, cost_fp, cost_fn))
            got = reference.expected_cost(y_test, s_test, float(answer.value), cost_fp, cost_fn)
            if got > (1 + TOLERANCE) * want + 1e-12:
                worse += 1
        if worse:
            return Verdict(False, "on held-out data from the same source, the chosen threshold "
                                  f"costs more than {1 + TOLERANCE:g} times what a threshold that "
                                  "minimises the cost on the given data costs "
                                  f"({worse} of {len(calls)} hidden scenarios)")
        return Verdict(True, self.title)


# --- threshold_for_recall ----------------------------------------------------------------

def recall_inputs(rng: np.random.Generator) -> list:
    """Continuous scores and targets that never sit exactly on an attainable recall."""
    cases = []
    for n, prevalence, low, high in [(25, 0.4, 0.3, 0.99), (400, 0.1, 0.5, 0.95),
                                     (2000, 0.3, 0.8, 0.99), (150, 0.7, 0.05, 0.4)]:
        y, s = scored(rng, n, prevalence)
        n_pos = int(y.sum())
        for _ in range(MAX_TRIES):
            target = float(rng.uniform(low, high))
            if abs(target * n_pos - round(target * n_pos)) > 1e-3:
                break
        cases.append(((y, s, target), {}))
    return cases


def recall_boundary_inputs(rng: np.random.Generator) -> list:
    """Targets that some threshold meets exactly (k / positives, exact in binary), ties,
    and a target of 1.0."""
    cases = []
    for n, n_pos, decimals, target in [(100, 40, None, 0.75), (64, 16, None, 0.875),
                                       (500, 64, 2, 0.5), (300, 120, 1, 0.625),
                                       (90, 30, None, 1.0)]:
        y, s = scored(rng, n, n_pos / n, decimals=decimals, n_pos=n_pos)
        cases.append(((y, s, target), {}))
    return cases


SUITE = Suite(
    exercise="m04-evaluation/cost-threshold",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "cost-random", "expected_cost on random labels, scores and thresholds", 2,
            "expected_cost", cost_inputs, reference.expected_cost, rtol=1e-9,
            message="expected_cost disagrees with (cost_fp * FP + cost_fn * FN) / n",
            hints=["Test thresholds that equal one of the scores, that lie above every score "
                   "and below every score; and labels with no positive at all.",
                   "A sample is predicted positive when score >= threshold. FP are negatives "
                   "predicted positive and cost cost_fp each; FN are positives predicted "
                   "negative and cost cost_fn each; divide the total by the number of samples."]),
        OptimalOnValidation(
            "best-valid", "best_threshold minimises the cost on the data it is given", 2,
            hints=["Compare expected_cost at your threshold with expected_cost at every other "
                   "candidate on the same data: none may be lower. Does your threshold depend "
                   "on cost_fp and cost_fn at all?",
                   "Scan every unique score AND np.inf (flag nothing): when false alarms are "
                   "expensive enough, predicting no positive at all is the cheapest decision."]),
        AgreesWithReference(
            "best-ties", "best_threshold breaks ties towards the largest threshold", 1,
            "best_threshold", tie_inputs, reference.best_threshold, rtol=1e-12, atol=1e-12,
            message="best_threshold does not return the largest of the thresholds that share "
                    "the minimum cost",
            hints=["With rounded scores several thresholds often reach exactly the same "
                   "cost. Which one does your code keep?",
                   "Scan the candidates in ascending order and keep a candidate when its cost "
                   "is <= the best so far (or scan descending and keep it only when strictly "
                   "lower); np.argmin returns the FIRST minimum."]),
        HeldOutCost(
            "best-held-out", "the chosen threshold also keeps the cost low on held-out data", 2,
            hints=["The threshold must depend on the costs: when a missed positive costs far "
                   "more than a false alarm, should the threshold move up or down?",
                   "Minimise expected_cost with the given cost_fp and cost_fn over the candidate "
                   "thresholds; a fixed 0.5, or the threshold with the best accuracy, ignores "
                   "what the errors cost."]),
        AgreesWithReference(
            "recall-random", "threshold_for_recall on random scores and recall targets", 1,
            "threshold_for_recall", recall_inputs, reference.threshold_for_recall,
            rtol=1e-12, atol=1e-12,
            message="threshold_for_recall does not return the largest threshold whose recall "
                    "reaches min_recall",
            hints=["Recall can only go down as the threshold goes up. Which end of the feasible "
                   "thresholds do you want?",
                   "Recall at threshold t is (positives with score >= t) / (all positives). "
                   "Return the LARGEST score t whose recall is still >= min_recall."]),
        AgreesWithReference(
            "recall-boundary", "threshold_for_recall when the target is met exactly, with ties",
            1, "threshold_for_recall", recall_boundary_inputs, reference.threshold_for_recall,
            rtol=1e-12, atol=1e-12,
            message="threshold_for_recall is wrong when a threshold meets min_recall exactly "
                    "or when scores are tied",
            hints=["Try 4 positives and min_recall=0.75: catching exactly 3 of them is enough. "
                   "Also try min_recall=1.0.",
                   "The condition is recall >= min_recall (not >), and a tied score counts as "
                   "positive for every sample that has it (score >= t)."]),
    ],
)
