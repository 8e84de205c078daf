"""Checks for fairness-audit: the public examples plus hidden random inputs.

Metrics and gaps are compared with the reference on random groups, including
groups without actual positives or negatives (their rate is nan and takes no
part in a gap).

group_thresholds is judged twice, on scenarios where a model scores one group
lower than another and the groups' base rates differ (so a single threshold,
or each group's own most accurate threshold, opens a wide TPR gap):

* ``thresholds-valid``: on the validation data it was given, the learner's
  thresholds keep the TPR gap within the bound and reach the best accuracy any
  such thresholds reach there (any optimum passes, whatever its tie-break);
* ``thresholds-held-out``: on a large test set from the same source, never
  sent, the TPR gap must stay close to what the reference's thresholds give
  there, and the accuracy must not fall short of theirs.
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

NAME_POOLS = [
    ["north", "south", "east", "west", "centre"],
    ["18-29", "30-44", "45-64", "65+"],
    ["f", "m", "x"],
    ["urban", "suburban", "rural"],
    ["en", "fr", "de", "es", "it", "nl"],
]


def _names(rng: np.random.Generator, k: int) -> list[str]:
    pools = [p for p in NAME_POOLS if len(p) >= k]
    pool = pools[int(rng.integers(len(pools)))]
    return [str(n) for n in rng.choice(pool, size=k, replace=False)]


# --- group metrics and gaps ------------------------------------------------------------------

def _block(rng: np.random.Generator, n: int, base_rate: float, tpr: float,
           fpr: float) -> tuple[np.ndarray, np.ndarray]:
    y = (rng.random(n) < base_rate).astype(np.int64)
    flagged = np.where(y == 1, rng.random(n) < tpr, rng.random(n) < fpr)
    return y, flagged.astype(np.int64)


def _assemble(rng: np.random.Generator, blocks: list, names: list[str]) -> tuple:
    y = np.concatenate([b[0] for b in blocks])
    p = np.concatenate([b[1] for b in blocks])
    g = [name for b, name in zip(blocks, names, strict=True) for _ in range(len(b[0]))]
    order = rng.permutation(len(y))
    return y[order], p[order], [g[i] for i in order]


def _random_block(rng: np.random.Generator, low: int, high: int) -> tuple:
    return _block(rng, int(rng.integers(low, high)), rng.uniform(0.1, 0.7),
                  rng.uniform(0.3, 0.95), rng.uniform(0.02, 0.4))


def metric_inputs(rng: np.random.Generator) -> list:
    """Groups of very different sizes; groups without positives, without negatives, of one
    row; inputs as arrays and as lists."""
    cases = []
    k = int(rng.integers(3, 6))
    names = _names(rng, k)
    cases.append((_assemble(rng, [_random_block(rng, 30, 400) for _ in range(k)], names), {}))
    names = _names(rng, 4)
    blocks = [_random_block(rng, 100, 300), _random_block(rng, 20, 60),
              (np.zeros(25, np.int64), (rng.random(25) < 0.3).astype(np.int64)),  # no positives
              (np.ones(15, np.int64), (rng.random(15) < 0.6).astype(np.int64))]   # no negatives
    cases.append((_assemble(rng, blocks, names), {}))
    names = _names(rng, 3)
    blocks = [_random_block(rng, 50, 120), _random_block(rng, 50, 120),
              (np.array([1]), np.array([0]))]                                     # one row
    cases.append((_assemble(rng, blocks, names), {}))
    names = _names(rng, 2)
    y, p, g = _assemble(rng, [_random_block(rng, 10, 40), _random_block(rng, 10, 40)], names)
    cases.append(((y.tolist(), p.tolist(), g), {}))                               # plain lists
    return cases


def gap_inputs(rng: np.random.Generator) -> list:
    """Gaps over 2 to 5 groups; every case has a group without actual positives or without
    actual negatives, which must be left out of that rate's gap."""
    cases = []
    for k, low, high in [(2, 200, 800), (3, 100, 400), (4, 40, 200), (5, 30, 150)]:
        names = _names(rng, k)
        blocks = [_random_block(rng, low, high) for _ in range(k - 1)]
        n = int(rng.integers(10, 40))
        if k % 2:
            blocks.append((np.zeros(n, np.int64), (rng.random(n) < 0.3).astype(np.int64)))
        else:
            blocks.append((np.ones(n, np.int64), (rng.random(n) < 0.5).astype(np.int64)))
        cases.append((_assemble(rng, blocks, names), {}))
    names = _names(rng, 3)  # similar TPRs, very different FPRs: equalized odds follows FPR
    blocks = [_block(rng, int(rng.integers(150, 300)), rate, 0.8, fpr)
              for rate, fpr in [(0.2, 0.05), (0.5, 0.5), (0.3, 0.25)]]
    cases.append((_assemble(rng, blocks, names), {}))
    names = _names(rng, 3)
    blocks = [_random_block(rng, 100, 300) for _ in range(3)]
    blocks.append((np.zeros(20, np.int64), (rng.random(20) < 0.3).astype(np.int64)))
    blocks.append((np.ones(20, np.int64), (rng.random(20) < 0.4).astype(np.int64)))
    y, p, g = _assemble(rng, blocks, [*names, "no-positives", "no-negatives"])
    cases.append(((y.tolist(), p.tolist(), g), {}))
    return cases


# --- group thresholds ------------------------------------------------------------------------

# (validation rows per group - all different -, base rates, separations, score shifts,
#  max TPR gap)
SCENARIOS = [
    ((2600, 2200), (0.5, 0.2), (2.0, 1.5), (0.0, -0.5), 0.05),
    ((2500, 2300), (0.45, 0.2), (2.2, 1.6), (0.3, -0.3), 0.04),
    ((1800, 1700, 1600), (0.5, 0.35, 0.2), (2.0, 1.8, 1.5), (0.0, -0.4, -0.8), 0.08),
]
TEST_ROWS = 30_000
GAP_TOLERANCE = 0.07
ACCURACY_TOLERANCE = 0.025


def scored_groups(rng: np.random.Generator, sizes, base_rates, separations, shifts,
                  names) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Scores rounded to two decimals (so at most 101 candidate thresholds per group)."""
    scores, labels, groups = [], [], []
    for n, rate, sep, shift, name in zip(sizes, base_rates, separations, shifts, names,
                                         strict=True):
        y = (rng.random(n) < rate).astype(np.int64)
        z = rng.normal(size=n) + sep * y
        logit = 1.3 * (z - sep / 2) + shift + math.log(rate / (1 - rate))
        scores.append(np.round(1 / (1 + np.exp(-logit)), 2))
        labels.append(y)
        groups += [name] * n
    order = rng.permutation(len(groups))
    return (np.concatenate(scores)[order], np.concatenate(labels)[order],
            [groups[i] for i in order])


def _safe_bound(rng: np.random.Generator, s: np.ndarray, y: np.ndarray, g: list[str],
                base: float) -> float:
    """A bound near *base* that no difference of achievable TPRs comes within 1e-6 of, so
    rounding in the learner's arithmetic can never decide feasibility."""
    ga = np.asarray(g)
    levels = []
    for name in sorted(set(g)):
        m = ga == name
        _, tp, _, n_pos, _ = reference.group_table(s[m], y[m])
        levels.append(np.unique(tp / n_pos))
    diffs = np.unique(np.concatenate([np.abs(a[:, None] - b[None, :]).ravel()
                                      for i, a in enumerate(levels) for b in levels[i + 1:]]))
    for _ in range(1000):
        bound = round(base + float(rng.uniform(-0.004, 0.004)), 4)
        if np.min(np.abs(diffs - bound)) > 1e-6:
            return bound
    raise RuntimeError("no safe bound found")  # pragma: no cover - never with these sizes


def threshold_calls(rng: np.random.Generator) -> list[Call]:
    calls = []
    for sizes, rates, seps, shifts, base in SCENARIOS:
        names = _names(rng, len(sizes))
        s, y, g = scored_groups(rng, sizes, rates, seps, shifts, names)
        calls.append(Call("group_thresholds", (s, y, g, _safe_bound(rng, s, y, g, base))))
    return calls


def _not_thresholds(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | None:
    failed = first_error(calls, answers)
    if failed:
        return failed
    for call, answer in zip(calls, answers, strict=True):
        names = set(call.args[2])
        value = answer.value
        if not isinstance(value, dict) or set(value) != names:
            return Verdict(False, "`group_thresholds` must return a dict with one threshold "
                                  "per group, keyed by the group names it was given (as str)")
        for t in value.values():
            if isinstance(t, bool) or not isinstance(t, (int, float)) or math.isnan(t):
                return Verdict(False, "`group_thresholds` must map each group to a number "
                                      "(a float; inf to flag nobody)")
    return None


class ThresholdsOnValidation(HiddenCheck):
    """Feasible (TPR gap within the bound) and as accurate as the best feasible thresholds,
    on the data they were chosen on."""

    function = "group_thresholds"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return threshold_calls(rng)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _not_thresholds(calls, answers)
        if failed:
            return failed
        too_wide = less_accurate = 0
        for call, answer in zip(calls, answers, strict=True):
            s, y, g, bound = call.args
            gap, _, correct = reference.outcome(s, y, g, answer.value)
            best = reference.outcome(s, y, g, reference.group_thresholds(s, y, g, bound))[2]
            if gap > bound + 1e-9:
                too_wide += 1
            elif correct < best:
                less_accurate += 1
        if too_wide or less_accurate:
            parts = []
            if too_wide:
                parts.append(f"on {too_wide} the TPR gap is above max_tpr_gap")
            if less_accurate:
                parts.append(f"on {less_accurate} the gap is respected but other thresholds "
                             "within the bound are more accurate")
            return Verdict(False, f"on the validation data given ({len(calls)} hidden "
                                  f"scenarios), {'; '.join(parts)}")
        return Verdict(True, self.title)


class ThresholdsHeldOut(HiddenCheck):
    """Validation data is sent; a test set from the same source stays here.

    The test set is a deterministic function of the validation scores (through a hash), so
    judging needs no state from ``calls``.
    """

    function = "group_thresholds"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return threshold_calls(rng)

    @staticmethod
    def test_set(index: int, s_val: np.ndarray, g_val: list[str]) -> tuple:
        sizes, rates, seps, shifts, _ = SCENARIOS[index]
        # group sizes differ within a scenario, so each name's row count says which
        # parameters it was drawn with
        count = {name: g_val.count(name) for name in set(g_val)}
        ordered = [next(name for name, c in count.items() if c == n) for n in sizes]
        digest = hashlib.sha256(np.ascontiguousarray(s_val).tobytes()).digest()
        rng = np.random.default_rng([int.from_bytes(digest[:8], "little"), index])
        test_sizes = [TEST_ROWS * n // sum(sizes) for n in sizes]
        return scored_groups(rng, test_sizes, rates, seps, shifts, ordered)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _not_thresholds(calls, answers)
        if failed:
            return failed
        wide = inaccurate = 0
        for index, (call, answer) in enumerate(zip(calls, answers, strict=True)):
            s, y, g, bound = call.args
            s_t, y_t, g_t = self.test_set(index, s, g)
            ref_gap, ref_acc, _ = reference.outcome(
                s_t, y_t, g_t, reference.group_thresholds(s, y, g, bound))
            gap, acc, _ = reference.outcome(s_t, y_t, g_t, answer.value)
            if gap > max(ref_gap, bound) + GAP_TOLERANCE:
                wide += 1
            if acc < ref_acc - ACCURACY_TOLERANCE:
                inaccurate += 1
        if wide or inaccurate:
            parts = []
            if wide:
                parts.append(f"the TPR gap is far wider than thresholds chosen within the bound "
                             f"on validation give ({wide} of {len(calls)} scenarios)")
            if inaccurate:
                parts.append(f"the accuracy falls clearly short of the best feasible thresholds "
                             f"({inaccurate} of {len(calls)} scenarios)")
            return Verdict(False, "on held-out data from the same source, " + "; ".join(parts))
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m12-responsible-ml/fairness-audit",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "metrics-random", "group_metrics on random groups, empty classes included", 2,
            "group_metrics", metric_inputs, reference.group_metrics, rtol=1e-9, atol=1e-12,
            message="group_metrics disagrees with the per-group selection rate, TPR and FPR",
            hints=["Test a group whose rows are all actual negatives, a group whose rows are "
                   "all actual positives and a group of a single row. What does your code "
                   "return for the rate it cannot compute?",
                   "Per group: n = rows; selection_rate = mean of y_pred; tpr = flagged "
                   "positives / actual positives; fpr = flagged negatives / actual negatives; a "
                   "rate with no denominator is float('nan'). Keys are the group names as str."]),
        AgreesWithReference(
            "gaps-random", "fairness_gaps on random groups, undefined rates included", 2,
            "fairness_gaps", gap_inputs, reference.fairness_gaps, rtol=1e-9, atol=1e-12,
            message="fairness_gaps disagrees with the max-minus-min gaps over the groups",
            hints=["A group with no actual positives has no TPR. Does it pull your TPR gap "
                   "wide open? It should take no part in it. Also check that every gap is a "
                   "difference between two groups, never a ratio or a distance to the overall "
                   "rate.",
                   "Each gap is nanmax - nanmin of the per-group rate; equalized_odds_difference "
                   "is max(TPR gap, FPR gap) - the worse of the two, not their average (that "
                   "is a different metric, AIF360's average odds difference)."]),
        ThresholdsOnValidation(
            "thresholds-valid",
            "group_thresholds respects the TPR gap and maximises accuracy on the data given", 2,
            hints=["Apply your thresholds to the data you were given and compute the TPR of "
                   "each group: is the largest minus the smallest at most max_tpr_gap? Then try "
                   "other feasible combinations: is any of them more accurate?",
                   "For every candidate lower TPR level lo (any TPR a group can reach), let each "
                   "group take its most accurate threshold among those whose TPR lies in "
                   "[lo, lo + max_tpr_gap]; keep the level with the most correct decisions in "
                   "total. One threshold for everybody, or each group's own best threshold, "
                   "ignores the constraint."]),
        ThresholdsHeldOut(
            "thresholds-held-out",
            "the chosen thresholds keep the TPR gap small and the accuracy high on held-out data",
            3,
            hints=["The thresholds must come from the data passed to the function (it is the "
                   "validation set) and must depend on max_tpr_gap and on the groups: a single "
                   "threshold ignores why the gap exists.",
                   "Choose each group's threshold on the validation data given, subject to "
                   "max(TPR) - min(TPR) <= max_tpr_gap, maximising the number of correct "
                   "decisions; do not read data from the notebook's global variables inside "
                   "the function."]),
    ],
)
