"""Checks for drift-detectors: the public examples plus hidden random inputs.

``psi`` and ``ks_statistic`` are compared with the reference on three families of
samples each: continuous samples in which no value sits on a bin edge and no bin is
empty (so the closure of bins and the epsilon do not matter), samples with empty bins
(the epsilon), and discrete or edge-hitting samples (repeated edges, left-closed bins,
ties in the KS statistic).

``first_alert`` is judged on streams:

* ``alert-boundary``: batches whose bin shares equal the reference's exactly (PSI is
  exactly 0 in any implementation, since every share is a multiple of 1/8) with a
  threshold of 0, and exceedances that are not consecutive; the exact index is required;
* ``alert-shift``: a shift (abrupt or gradual) injected at a random batch of large
  batches; the alert must come at or after the shift and within a few batches of it;
* ``alert-false-alarms``: clean streams of small batches, where single batches exceed the
  threshold often by chance; only a few streams may raise an alarm.

The bounds were set by simulation: the reference solution alerts in the window on every
simulated shifted stream, and raised an alarm on at most 3 of 20 clean streams in 300
repetitions of the false-alarm check (the bound is 4); a rule that counts exceedances in
total instead of in a row alarmed on at least 12 of 20.
"""

from __future__ import annotations

import hashlib
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

MAX_TRIES = 1000


# --- psi -----------------------------------------------------------------------------------

def _clean(ref: np.ndarray, cur: np.ndarray, bins: int) -> bool:
    """No value on an edge, no empty bin in either sample."""
    cut = reference.edges(ref, bins)
    if np.isin(ref, cut).any() or np.isin(cur, cut).any():
        return False
    return bool((reference.shares(ref, cut, bins) > 0).all()
                and (reference.shares(cur, cut, bins) > 0).all())


def _draw_clean(rng: np.random.Generator, make, bins: int) -> tuple[np.ndarray, np.ndarray]:
    for _ in range(MAX_TRIES):
        ref, cur = make(rng)
        if _clean(ref, cur, bins):
            return ref, cur
    raise RuntimeError("could not draw a clean psi case")  # pragma: no cover


def psi_inputs(rng: np.random.Generator) -> list:
    """Continuous samples of different shapes and sizes, shifted or not; bins never empty."""
    loc, scale = rng.normal(0, 20), rng.uniform(0.5, 5.0)
    makers = [
        (10, lambda r: (r.normal(loc, scale, 1500),
                        r.normal(loc + r.uniform(-0.5, 0.5) * scale, scale, 600))),
        (10, lambda r: (r.lognormal(3.0, 0.8, 3002),
                        r.lognormal(3.0, 0.8, 1000) * r.uniform(1.1, 1.5))),
        (5, lambda r: (r.uniform(0, 1, 777), r.beta(2.0, 1.5, 300))),
        (20, lambda r: (r.normal(0, 1, 2004), r.normal(0, 1, 1999))),
        (8, lambda r: (np.concatenate([r.normal(-2, 1, 700), r.normal(3, 0.5, 300)]),
                       np.concatenate([r.normal(-2, 1, 200), r.normal(3, 0.5, 250)]))),
        (6, lambda r: (r.gamma(2.0, 3.0, 500), r.gamma(2.0, 3.6, 4000))),
    ]
    cases = []
    for bins, make in makers:
        ref, cur = _draw_clean(rng, make, bins)
        cases.append(((ref, cur), {"bins": bins}))
    return cases


def psi_empty_inputs(rng: np.random.Generator) -> list:
    """Batches with empty bins: outside the reference's range, concentrated, tiny."""
    cases = []
    ref = rng.normal(10, 2, 1000)
    cases.append(((ref, rng.uniform(ref.max() + 0.5, ref.max() + 5, 200)), {}))
    ref = rng.normal(0, 1, 2000)
    cur = np.concatenate([rng.uniform(ref.min() - 3, ref.min() - 0.1, 50),
                          rng.uniform(ref.max() + 0.1, ref.max() + 3, 70)])
    cases.append(((ref, cur), {"bins": 8}))
    ref = rng.exponential(5.0, 1500)
    cases.append(((ref, rng.normal(np.median(ref), 0.3, 300)), {"bins": 10}))
    ref = rng.normal(0, 1, 800)
    cases.append(((ref, rng.normal(0.4, 1, 12)), {"bins": 20}))
    ref = rng.uniform(0, 100, 999)
    cases.append(((ref, rng.uniform(0, 100, 400)), {"bins": 5, "eps": 0.001}))
    return cases


def psi_ties_inputs(rng: np.random.Generator) -> list:
    """Discrete features (repeated edges) and values exactly on the edges."""
    cases = []
    cases.append(((rng.poisson(2.0, 1000), rng.poisson(2.6, 400)), {}))
    ratings = np.arange(1, 6)
    cases.append(((rng.choice(ratings, 1200, p=[0.05, 0.1, 0.2, 0.35, 0.3]),
                   rng.choice(ratings, 500, p=[0.1, 0.15, 0.25, 0.3, 0.2])), {"bins": 10}))
    # 201 values and 4 bins: the quantile positions 50, 100, 150 are data points, so the
    # edges ARE reference values; the batch reuses some of them.
    ref = np.round(rng.normal(50, 10, 201), 3)
    cut = reference.edges(ref, 4)
    cur = np.concatenate([np.repeat(cut, rng.integers(5, 20, size=3)),
                          np.round(rng.normal(52, 10, 150), 3)])
    cases.append(((ref, rng.permutation(cur)), {"bins": 4}))
    zero_inflated = np.where(rng.random(900) < 0.55, 0.0, rng.lognormal(2, 1, 900))
    batch = np.where(rng.random(300) < 0.35, 0.0, rng.lognormal(2, 1, 300))
    cases.append(((zero_inflated, batch), {"bins": 10}))
    return cases


# --- ks_statistic --------------------------------------------------------------------------

def ks_inputs(rng: np.random.Generator) -> list:
    """Continuous samples; shifts to the left and to the right, scale changes."""
    loc, scale = rng.normal(0, 10), rng.uniform(0.5, 4.0)
    return [
        ((rng.normal(loc, scale, 1000), rng.normal(loc - 0.5 * scale, scale, 400)), {}),
        ((rng.normal(loc, scale, 300), rng.normal(loc + 0.3 * scale, scale, 900)), {}),
        ((rng.normal(loc, scale, 2000), rng.normal(loc, 1.5 * scale, 500)), {}),
        ((rng.lognormal(1, 0.5, 50), rng.lognormal(0.8, 0.5, 70)), {}),
        ((rng.uniform(0, 1, 5), rng.uniform(0, 1, 3)), {}),
    ]


def ks_ties_inputs(rng: np.random.Generator) -> list:
    """Discrete samples with many values shared between the two samples."""
    ratings = np.arange(1, 6)
    return [
        ((rng.poisson(3.0, 800), rng.poisson(2.4, 300)), {}),
        ((rng.poisson(3.0, 500), rng.poisson(3.5, 500)), {}),
        ((rng.choice(ratings, 400, p=[0.1, 0.1, 0.2, 0.3, 0.3]),
          rng.choice(ratings, 150, p=[0.2, 0.2, 0.2, 0.2, 0.2])), {}),
        ((rng.integers(0, 3, 60), rng.integers(0, 4, 25)), {}),
    ]


# --- first_alert ---------------------------------------------------------------------------

BOUNDARY_BINS = 8
BOUNDARY_REF = 1024  # 128 reference values per bin: every share is a multiple of 1/8


def _boundary_reference(rng: np.random.Generator) -> np.ndarray:
    """1024 continuous values whose 8 bins hold 128 values each, with clear gaps at the
    edges (so a batch value is never within rounding of an edge)."""
    for _ in range(MAX_TRIES):
        ref = rng.normal(rng.normal(0, 5), rng.uniform(1, 3), BOUNDARY_REF)
        s = np.sort(ref)
        cut = reference.edges(ref, BOUNDARY_BINS)
        per_bin = reference.shares(ref, cut, BOUNDARY_BINS) * BOUNDARY_REF
        gaps = s[128::128] - s[127:-1:128]
        if (per_bin == 128).all() and (gaps > 1e-6).all():
            return ref
    raise RuntimeError("could not draw a boundary reference")  # pragma: no cover


def _same_batch(rng: np.random.Generator, ref: np.ndarray, per_bin: int = 8) -> np.ndarray:
    """A batch with exactly per_bin values strictly inside each reference bin."""
    s = np.sort(ref)
    parts = [rng.uniform(s[128 * k + 1], s[128 * k + 126], per_bin)
             for k in range(BOUNDARY_BINS)]
    return rng.permutation(np.concatenate(parts))


def _shifted_batch(rng: np.random.Generator, ref: np.ndarray, size: int = 64) -> np.ndarray:
    """A batch inside the top two reference bins only."""
    s = np.sort(ref)
    return rng.uniform(s[128 * 6 + 1], s[-1], size)


BOUNDARY_PATTERNS = [  # (patience, pattern: s = same shares as the reference, x = shifted)
    (1, "sssxs"),
    (2, "sxsxxs"),
    (1, "ssss"),
    (3, "xxsxxx"),
    (2, "xsxs"),
]


def alert_boundary_inputs(rng: np.random.Generator) -> list:
    cases = []
    for patience, pattern in BOUNDARY_PATTERNS:
        ref = _boundary_reference(rng)
        batches = [_same_batch(rng, ref) if c == "s" else _shifted_batch(rng, ref)
                   for c in pattern]
        cases.append(((ref, batches, 0.0), {"bins": BOUNDARY_BINS, "patience": patience}))
    return cases


def _is_index_or_none(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _not_indices(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | None:
    failed = first_error(calls, answers)
    if failed:
        return failed
    if not all(_is_index_or_none(a.value) for a in answers):
        return Verdict(False, "`first_alert` must return an int (the index of a batch) or None")
    return None


SHIFT_STREAMS = [  # (kind, patience, threshold)
    ("abrupt", 2, 0.1),
    ("abrupt", 3, 0.1),
    ("abrupt", 1, 0.15),
    ("scale", 2, 0.1),
    ("gradual", 2, 0.1),
    ("gradual", 3, 0.1),
    ("gradual", 1, 0.15),
    ("gradual", 2, 0.1),
]
SHIFT_REF, SHIFT_BATCH, SHIFT_LENGTH = 2000, 400, 24
SHIFT_SLACK = 5  # batches allowed beyond the patience - 1 that a rule needs at best


def shift_start(ref: np.ndarray) -> int:
    """The batch where the shift starts (8 to 15), derived from the reference sample, so
    that judging needs no state from ``calls`` and the learner is never told."""
    return 8 + hashlib.sha256(np.ascontiguousarray(ref).tobytes()).digest()[0] % 8


class AlertsAfterShift(HiddenCheck):
    """Streams with a shift at a random batch: alert at or after it, within a few batches."""

    function = "first_alert"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for kind, patience, threshold in SHIFT_STREAMS:
            loc, scale = rng.normal(0, 10), rng.uniform(0.5, 3.0)
            ref = rng.normal(loc, scale, SHIFT_REF)
            start = shift_start(ref)
            jump, slope = rng.uniform(0.6, 1.0), rng.uniform(0.1, 0.14)
            batches = []
            for i in range(SHIFT_LENGTH):
                after = i >= start
                if kind == "abrupt":
                    mean, spread = loc + (jump * scale if after else 0.0), scale
                elif kind == "scale":
                    mean, spread = loc, scale * (1.8 if after else 1.0)
                else:
                    mean, spread = loc + (slope * (i - start + 1) * scale if after else 0.0), scale
                batches.append(rng.normal(mean, spread, SHIFT_BATCH))
            calls.append(Call("first_alert", (ref, batches, threshold), {"patience": patience}))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _not_indices(calls, answers)
        if failed:
            return failed
        early = late = 0
        for call, answer in zip(calls, answers, strict=True):
            start, patience = shift_start(call.args[0]), call.kwargs["patience"]
            if answer.value is not None and answer.value < start:
                early += 1
            elif answer.value is None or answer.value > start + patience - 1 + SHIFT_SLACK:
                late += 1
        if early or late:
            return Verdict(False, f"on hidden streams with a shift, the alert came before the "
                                  f"shift on {early} and too late or never on {late} of "
                                  f"{len(calls)} streams")
        return Verdict(True, self.title)


CLEAN_STREAMS, CLEAN_REF, CLEAN_BATCH, CLEAN_LENGTH = 20, 2000, 150, 40
CLEAN_THRESHOLD, CLEAN_PATIENCE, MAX_ALARMED = 0.1, 4, 4


class FewFalseAlarms(HiddenCheck):
    """Clean streams of small batches: chance exceedances are frequent, runs are rare."""

    function = "first_alert"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(CLEAN_STREAMS):
            loc, scale = rng.normal(0, 10), rng.uniform(0.5, 3.0)
            ref = rng.normal(loc, scale, CLEAN_REF)
            batches = [rng.normal(loc, scale, CLEAN_BATCH) for _ in range(CLEAN_LENGTH)]
            calls.append(Call("first_alert", (ref, batches, CLEAN_THRESHOLD),
                              {"patience": CLEAN_PATIENCE}))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _not_indices(calls, answers)
        if failed:
            return failed
        alarmed = sum(a.value is not None for a in answers)
        if alarmed > MAX_ALARMED:
            return Verdict(False, f"{alarmed} of {len(calls)} hidden streams without any drift "
                                  f"raised an alarm; at most {MAX_ALARMED} may")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m11-monitoring/drift-detectors",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "psi-random", "psi on random continuous samples of different shapes and sizes", 2,
            "psi", psi_inputs, reference.psi, rtol=1e-9, atol=1e-12,
            message="psi disagrees with the stated binning and formula",
            hints=["Are the edges the quantiles of the REFERENCE (never of the current batch), "
                   "and is each term (q - p) * ln(q / p) with q the current share?",
                   "edges = np.quantile(reference, np.arange(1, bins) / bins); shares are counts "
                   "divided by the size of their own sample; PSI is the sum of "
                   "(q - p) * np.log(q / p), which is never negative."]),
        AgreesWithReference(
            "psi-empty-bins", "psi when the batch leaves bins empty", 1,
            "psi", psi_empty_inputs, reference.psi, rtol=1e-9, atol=1e-12,
            message="psi is wrong when some bins are empty (or values fall outside the "
                    "reference's range)",
            hints=["Try a batch that lies entirely above the reference's maximum: where do its "
                   "values go, and what is ln(0)?",
                   "The outer bins are open, so every value lands in a bin. Replace shares "
                   "equal to 0 by eps (the argument, not a constant) in both p and q before "
                   "the logarithm; do not renormalise."]),
        AgreesWithReference(
            "psi-ties", "psi on discrete features and values exactly on the edges", 1,
            "psi", psi_ties_inputs, reference.psi, rtol=1e-9, atol=1e-12,
            message="psi is wrong on discrete features or on values equal to a bin edge",
            hints=["Try a reference of small counts (0, 1, 2, ...): several quantiles are "
                   "equal. Which bin does a value equal to an edge go to?",
                   "Bins are closed on the left: a value equal to an edge goes to the bin "
                   "ABOVE it (np.searchsorted(edges, x, side='right')). Keep repeated edges; "
                   "their empty bins have p = q = eps and add 0, not nan."]),
        AgreesWithReference(
            "ks-random", "ks_statistic on random continuous samples", 1,
            "ks_statistic", ks_inputs, reference.ks_statistic, rtol=1e-9, atol=1e-12,
            message="ks_statistic disagrees with max |F_ref(x) - F_cur(x)|",
            hints=["Shift the current sample to the LEFT of the reference: is your statistic "
                   "still positive and as large as for the same shift to the right?",
                   "D is the largest ABSOLUTE difference between the two empirical CDFs, "
                   "evaluated at every value of both samples; F(x) is the share of values "
                   "<= x. It is a distance between 0 and 1, not a p-value."]),
        AgreesWithReference(
            "ks-ties", "ks_statistic on discrete samples with ties", 1,
            "ks_statistic", ks_ties_inputs, reference.ks_statistic, rtol=1e-9, atol=1e-12,
            message="ks_statistic is wrong when values repeat",
            hints=["Compare your value with scipy.stats.ks_2samp(reference, current).statistic "
                   "on two samples of small integers.",
                   "Evaluate each CDF by VALUE: F(x) counts every copy of x "
                   "(np.searchsorted(sorted_sample, x, side='right') / n). Stepping through "
                   "the pooled sorted sample one element at a time measures gaps inside a "
                   "group of ties."]),
        AgreesWithReference(
            "alert-boundary", "first_alert with PSI exactly at the threshold and broken runs",
            1, "first_alert", alert_boundary_inputs, reference.first_alert, rtol=0, atol=0,
            message="first_alert returns the wrong batch when a PSI equals the threshold or "
                    "when exceedances are not consecutive",
            hints=["With threshold 0.0, should a batch whose bin shares equal the reference's "
                   "exactly (PSI = 0) count as exceeding? And what happens to a run of "
                   "exceedances when one batch does not exceed?",
                   "A batch exceeds only when PSI > threshold (strictly). The alert needs "
                   "`patience` exceeding batches IN A ROW: reset the count to 0 whenever a "
                   "batch does not exceed. Return None when no run is long enough."]),
        AlertsAfterShift(
            "alert-shift", "first_alert catches injected shifts within a few batches", 2,
            hints=["Does your rule still alert when the shift builds up slowly, a little more "
                   "every batch? Does it ever alert before anything has changed?",
                   "Compare every batch with the same fixed reference (not with the previous "
                   "batch), with PSI > threshold, and return the index of the batch that "
                   "completes the run of `patience` consecutive exceedances."]),
        FewFalseAlarms(
            "alert-false-alarms", "first_alert stays quiet on clean streams of small batches", 2,
            hints=["On a clean stream of small batches, single batches exceed the threshold "
                   "fairly often by chance. Does one stray exceedance, or a few scattered "
                   "ones, trigger your alert?",
                   "Only `patience` CONSECUTIVE exceedances alert: the run counter goes back "
                   "to 0 on every batch that does not exceed. Counting exceedances in total, "
                   "or since the last alert, lets chance exceedances add up."]),
    ],
)
