"""Checks for canary-decision: the public examples plus hidden seeded scenarios.

Each hidden check sends a handful of scenarios of one kind (a baseline and a canary with
request counts, error counts and latency samples, and a policy) and compares the learner's
decision with the reference's. Scenarios are drawn from a seeded generator and kept only
when they are clear-cut: the error test's p-value is far from alpha and the p95 ratio far
from the guardrail, so a correct solution written with another library (or another, equally
standard, percentile or test variant) cannot land on the other side by rounding.

* ``rollback-errors``: the canary's error rate is clearly worse, with many or few requests;
* ``promote``: enough requests, errors and latency fine (including a canary with somewhat
  more errors that is not significant, one significantly *better*, and one with exactly the
  minimum number of requests);
* ``hold``: too few requests and nothing wrong (including one request short of the minimum
  and a canary whose observed error rate is a little above the baseline's);
* ``latency-guardrail``: errors fine, but a slow tail puts the canary's p95 above the
  guardrail while its mean latency stays within it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

DECISIONS = ("promote", "hold", "rollback")


def _policy(rng: np.random.Generator, ratios: Sequence[float] = (1.2, 1.25, 1.5)) -> dict:
    return {"alpha": float(rng.choice([0.01, 0.05])),
            "min_requests": int(rng.choice([500, 1000, 2000])),
            "max_p95_ratio": float(rng.choice(ratios))}


def _arm(rng: np.random.Generator, requests: int, rate: float, median: float, sigma: float,
         tail: float = 0.0, factor: float = 1.0) -> dict:
    latencies = median * np.exp(rng.normal(0.0, sigma, size=min(requests, 400)))
    slow = rng.random(latencies.size) < tail
    latencies[slow] *= factor
    return {"requests": int(requests), "errors": int(rng.binomial(requests, rate)),
            "latencies_ms": np.round(latencies, 2)}


def _baseline(rng: np.random.Generator) -> tuple[dict, float, float, float]:
    rate, median, sigma = rng.uniform(0.003, 0.02), rng.uniform(30, 250), rng.uniform(0.2, 0.4)
    return _arm(rng, int(rng.integers(20_000, 80_000)), rate, median, sigma), rate, median, sigma


def _mean_ratio(baseline: dict, canary: dict) -> float:
    return float(np.mean(canary["latencies_ms"]) / np.mean(baseline["latencies_ms"]))


Scenario = tuple[dict, dict, dict]


def _draw(rng: np.random.Generator, make: Callable[[np.random.Generator], Scenario | None],
          accept: Callable[[dict, dict, dict], bool]) -> Scenario:
    """The first generated scenario that is clear-cut (the generator is seeded)."""
    for _ in range(500):
        scenario = make(rng)
        if scenario is not None and accept(*scenario):
            return scenario
    raise RuntimeError("no clear-cut scenario found")  # pragma: no cover - tested over seeds


def _quiet_errors(b: dict, c: dict, p: dict) -> bool:
    """Not significant by far, one-sided (and, for 'higher' canaries, two-sided too)."""
    return reference.error_p_value(b, c) > min(0.5, 4 * p["alpha"]) and \
        reference.error_p_value(c, b) > p["alpha"] * 4


def _fast(b: dict, c: dict, p: dict) -> bool:
    return reference.p95_ratio(b, c) < 0.93 * p["max_p95_ratio"]


def rollback_scenarios(rng: np.random.Generator) -> list[Scenario]:
    out = []
    for small in (True, True, False, False):
        def make(rng: np.random.Generator, small: bool = small) -> Scenario:
            policy = _policy(rng)
            base, rate, median, sigma = _baseline(rng)
            n = int(policy["min_requests"] * (rng.uniform(0.4, 0.8) if small else
                                              rng.uniform(1.5, 5)))
            bad = rate * rng.uniform(3, 6) + rng.uniform(0.01, 0.03)
            return base, _arm(rng, n, bad, median, sigma), policy

        out.append(_draw(rng, make, lambda b, c, p: reference.error_p_value(b, c) <
                         p["alpha"] / 20 and _fast(b, c, p)))
    return out


def promote_scenarios(rng: np.random.Generator) -> list[Scenario]:
    out = []
    for kind in ("exact", "same", "higher", "better"):
        def make(rng: np.random.Generator, kind: str = kind) -> Scenario:
            policy = _policy(rng)
            base, rate, median, sigma = _baseline(rng)
            n = policy["min_requests"] if kind == "exact" else \
                int(policy["min_requests"] * rng.uniform(1.5, 6))
            factor = {"exact": 1.0, "same": 1.0, "higher": 1.15, "better": 0.15}[kind]
            speed = rng.uniform(0.75, 1.0)
            return base, _arm(rng, n, rate * factor, median * speed, sigma), policy

        def accept(b: dict, c: dict, p: dict, kind: str = kind) -> bool:
            if not _fast(b, c, p):
                return False
            if kind == "better":  # significantly better: a two-sided test would roll back
                return reference.error_p_value(c, b) < p["alpha"] / 20
            if kind == "higher" and not c["errors"] / c["requests"] > b["errors"] / b["requests"]:
                return False
            return _quiet_errors(b, c, p)

        out.append(_draw(rng, make, accept))
    return out


def hold_scenarios(rng: np.random.Generator) -> list[Scenario]:
    out = []
    for kind in ("one-short", "few", "higher", "few"):
        def make(rng: np.random.Generator, kind: str = kind) -> Scenario:
            policy = _policy(rng)
            base, rate, median, sigma = _baseline(rng)
            n = policy["min_requests"] - 1 if kind == "one-short" else \
                int(policy["min_requests"] * rng.uniform(0.3, 0.9))
            return base, _arm(rng, n, rate, median, sigma), policy

        def accept(b: dict, c: dict, p: dict, kind: str = kind) -> bool:
            if kind == "higher" and not c["errors"] / c["requests"] > b["errors"] / b["requests"]:
                return False
            return _fast(b, c, p) and _quiet_errors(b, c, p)

        out.append(_draw(rng, make, accept))
    return out


def latency_scenarios(rng: np.random.Generator) -> list[Scenario]:
    out = []
    for small in (False, False, False, True):
        def make(rng: np.random.Generator, small: bool = small) -> Scenario:
            policy = _policy(rng, ratios=(1.25, 1.5))
            base, rate, median, _ = _baseline(rng)
            sigma = rng.uniform(0.15, 0.25)
            base = _arm(rng, base["requests"], rate, median, sigma)
            n = int(policy["min_requests"] * (rng.uniform(0.5, 0.9) if small else
                                              rng.uniform(1.5, 5)))
            slow = _arm(rng, n, rate, median, sigma, tail=rng.uniform(0.06, 0.08),
                        factor=rng.uniform(3, 4))
            return base, slow, policy

        out.append(_draw(rng, make, lambda b, c, p: reference.p95_ratio(b, c) >
                         1.1 * p["max_p95_ratio"] and _mean_ratio(b, c) <
                         0.9 * p["max_p95_ratio"] and _quiet_errors(b, c, p)))
    return out


class Decisions(HiddenCheck):
    function = "canary_decision"

    def __init__(self, id: str, title: str, points: float, scenarios: Any, expected: str, *,
                 message: str, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.scenarios = scenarios
        self.expected = expected
        self.message = message

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call(self.function, s) for s in self.scenarios(rng)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        odd = sorted({repr(a.value)[:40] for a in answers if a.value not in DECISIONS})
        if odd:
            return Verdict(False, f"`canary_decision` must return 'promote', 'hold' or "
                                  f"'rollback', not {', '.join(odd)}")
        wrong = [a.value for call, a in zip(calls, answers, strict=True)
                 if a.value != reference.canary_decision(*call.args)]
        if wrong:
            said = ", ".join(sorted(set(wrong)))
            return Verdict(False, f"{self.message}: wrong on {len(wrong)} of {len(calls)} "
                                  f"hidden scenarios (the decision should be "
                                  f"'{self.expected}'; your function said {said})")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m08-serving/canary-decision",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        Decisions(
            "rollback-errors", "a canary with clearly more errors is rolled back", 2,
            rollback_scenarios, "rollback",
            message="a canary whose error rate is significantly higher was not rolled back",
            hints=["Some of these canaries have served only a few hundred requests, fewer "
                   "than the policy's minimum. Does a bad canary have to wait for the minimum "
                   "before you roll it back?",
                   "Run the error test first, whatever the number of requests: a "
                   "significant excess of errors means rollback now (the test already "
                   "accounts for the sample size). The minimum number of requests only "
                   "stands between hold and promote."]),
        Decisions(
            "promote", "a healthy canary with enough requests is promoted", 2,
            promote_scenarios, "promote",
            message="a healthy canary with enough requests was not promoted",
            hints=["Among these canaries: one with exactly the minimum number of requests, "
                   "one whose error rate is a little higher than the baseline's (by chance), "
                   "and one with far fewer errors. Which of them does your function refuse?",
                   "Roll back only when the canary is significantly *worse*: a one-sided "
                   "test (p-value = P(Z >= z), z = (rate_canary - rate_baseline) / se), not "
                   "abs(z), and not a raw comparison of the two rates. 'Fewer than "
                   "min_requests' holds; exactly min_requests is enough."]),
        Decisions(
            "hold", "a canary with too few requests is held", 2,
            hold_scenarios, "hold",
            message="a canary with too few requests and nothing wrong was not held",
            hints=["Which requests count towards the minimum: the canary's, the baseline's, "
                   "or both? And what does a small, non-significant excess of errors mean?",
                   "Count only the canary's requests against policy['min_requests'] (the "
                   "baseline always has plenty), and hold, not rollback, when the error test "
                   "is not significant."]),
        Decisions(
            "latency-guardrail", "a canary with a slow tail is rolled back", 2,
            latency_scenarios, "rollback",
            message="a canary whose p95 latency breaks the guardrail was not rolled back",
            hints=["In these scenarios a few percent of the canary's requests are several "
                   "times slower, so its mean latency barely moves. Which statistic of the "
                   "latency samples does the guardrail use, and when do you apply it?",
                   "Compare np.percentile(canary['latencies_ms'], 95) with max_p95_ratio "
                   "times the baseline's p95 (not the mean or the median), and apply the "
                   "guardrail before the sample-size rule: a breach rolls back even a canary "
                   "with few requests."]),
    ],
)
