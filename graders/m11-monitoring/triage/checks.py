"""Checks for triage: the public examples plus hidden incident scenarios.

Every hidden scenario starts from a healthy system (noisy but stable weekly metric, stable
schema and null rates, low PSI, complete labels, an ordinary calendar), then plants one
cause and some distractors: evidence that looks alarming but is not the cause under the
checklist (a column that appeared, a holiday two weeks ago, an upstream release whose
feature did not move, a shifted feature next to a broken pipeline...). Scenarios come in
families, one check per family, and a family passes only when every scenario in it is
diagnosed as the checklist says. Each scenario's expected cause is asserted against the
planted one when it is built, so a generator bug cannot silently change a family.
"""

from __future__ import annotations

import copy
import statistics
from collections.abc import Callable, Sequence

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

FEATURES = {"amount": "float", "account_age_days": "int", "country": "str", "device": "str",
            "merchant_category": "str", "hour_of_day": "int", "n_items": "int",
            "email_domain": "str", "basket_value": "float", "session_seconds": "float"}
OTHER_TYPE = {"float": "str", "int": "float", "str": "int"}
NEW_COLUMNS = ["promo_code", "ab_bucket", "referrer", "campaign_id"]
EVENTS = ["black-friday", "christmas", "easter", "summer-sale", "new-year", "cup-final"]
SOURCES = ["payments-api", "crm-export", "mobile-app", "geo-service", "catalog-db"]
MAX_TRIES = 1000


# --- building scenarios ----------------------------------------------------------------------

def healthy(rng: np.random.Generator) -> dict:
    """A system with nothing wrong except the last week's metric (set by ``set_drop``)."""
    n_weeks = int(rng.integers(6, 10))
    names = [str(f) for f in rng.choice(list(FEATURES), size=int(rng.integers(4, 8)),
                                        replace=False)]
    level, noise = rng.uniform(0.72, 0.9), rng.uniform(0.003, 0.012)
    nulls = {f: round(float(rng.uniform(0.0, 0.04)), 3) for f in names}
    evidence = {
        "weekly_metric": [round(float(level + rng.normal(0, noise)), 4) for _ in range(n_weeks)],
        "schema_before": {f: FEATURES[f] for f in names},
        "schema_after": {f: FEATURES[f] for f in names},
        "null_rate_before": nulls,
        "null_rate_after": {f: round(min(max(v + float(rng.uniform(-0.01, 0.02)), 0.0), 1.0), 3)
                            for f, v in nulls.items()},
        "upstream_changes": [],
        "feature_psi": {f: round(float(rng.uniform(0.0, 0.08)), 3) for f in names},
        "label_coverage": [round(float(rng.uniform(0.9, 1.0)), 3) for _ in range(n_weeks)],
        "calendar": [""] * n_weeks,
    }
    set_drop(evidence, float(rng.uniform(10, 25)))
    return evidence


def set_drop(evidence: dict, sigmas: float) -> None:
    """Set the last week to the baseline mean minus ``sigmas`` baseline standard deviations
    (a negative value is a rise); the rounded value keeps at least 0.05 sigma from 3."""
    weeks = evidence["weekly_metric"]
    mean, sd = statistics.fmean(weeks[:-1]), statistics.stdev(weeks[:-1])
    weeks[-1] = round(mean - sigmas * sd, 6)
    achieved = (mean - weeks[-1]) / sd
    assert abs(achieved - 3.0) > 0.05 and abs(achieved - sigmas) < 0.01, "drop out of range"


def _feature(rng: np.random.Generator, evidence: dict, avoid: Sequence[str] = ()) -> str:
    choices = [f for f in evidence["schema_before"] if f in evidence["schema_after"]
               and f not in avoid]
    return str(rng.choice(choices))


def remove_feature(rng, e, avoid=()):
    f = _feature(rng, e, avoid)
    for key in ("schema_after", "null_rate_after", "feature_psi"):
        e[key].pop(f)
    return f


def retype_feature(rng, e, avoid=()):
    f = _feature(rng, e, avoid)
    e["schema_after"][f] = OTHER_TYPE[e["schema_after"][f]]
    e["feature_psi"][f] = round(float(rng.uniform(1.0, 6.0)), 3)  # the broken values "drift"
    return f


def null_jump(rng, e, avoid=()):
    f = _feature(rng, e, avoid)
    e["null_rate_after"][f] = round(min(e["null_rate_before"][f] + float(rng.uniform(0.1, 0.6)),
                                        1.0), 3)
    e["feature_psi"][f] = round(float(rng.uniform(0.3, 2.0)), 3)  # imputed values pile up
    return f


def small_null_rise(rng, e, avoid=()):
    f = _feature(rng, e, avoid)
    e["null_rate_after"][f] = round(e["null_rate_before"][f] + float(rng.uniform(0.01, 0.04)), 3)
    return f


def null_fall(rng, e, avoid=()):
    f = _feature(rng, e, avoid)
    e["null_rate_before"][f] = round(float(rng.uniform(0.15, 0.4)), 3)
    e["null_rate_after"][f] = round(float(rng.uniform(0.0, 0.02)), 3)
    return f


def add_column(rng, e, avoid=()):
    new = str(rng.choice(NEW_COLUMNS))
    e["schema_after"][new] = "str"
    e["null_rate_after"][new] = round(float(rng.uniform(0.0, 0.9)), 3)
    return new


def drift(rng, e, avoid=(), low=0.3, high=1.5):
    f = _feature(rng, e, avoid)
    e["feature_psi"][f] = round(float(rng.uniform(low, high)), 3)
    return f


def moderate_psi(rng, e, avoid=()):
    return drift(rng, e, avoid, 0.12, 0.24)


def change(rng, e, features, weeks_ago=0):
    week = len(e["weekly_metric"]) - 1 - weeks_ago
    e["upstream_changes"].append({"week": int(week), "source": str(rng.choice(SOURCES)),
                                  "features": list(features)})


def low_coverage(rng, e):
    e["label_coverage"][-1] = round(float(rng.uniform(0.3, 0.75)), 3)


def lowish_coverage(rng, e):
    e["label_coverage"][-1] = round(float(rng.uniform(0.81, 0.88)), 3)


def event(rng, e, weeks_ago=0):
    e["calendar"][len(e["calendar"]) - 1 - weeks_ago] = str(rng.choice(EVENTS))


# --- families ----------------------------------------------------------------------------------
# Each recipe plants evidence in a healthy system and names the cause the checklist gives.

def _real_family(rng):
    def small_drop_with_event(e):
        set_drop(e, rng.uniform(1.0, 2.0))
        event(rng, e)
        moderate_psi(rng, e)
        return "not-real"

    def near_three_sigma(e):
        set_drop(e, 2.85)  # above 3 standard deviations only with ddof=0
        change(rng, e, [_feature(rng, e)])
        return "not-real"

    def rise_with_low_coverage(e):
        set_drop(e, -rng.uniform(5, 8))
        low_coverage(rng, e)
        return "not-real"

    def large_clean_drop(e):
        set_drop(e, rng.uniform(8, 15))
        return "concept-drift"

    def just_above(e):
        set_drop(e, 3.3)
        return "concept-drift"

    return [small_drop_with_event, near_three_sigma, rise_with_low_coverage, large_clean_drop,
            just_above]


def _pipeline_family(rng):
    def removed_with_event_and_labels(e):
        remove_feature(rng, e)
        event(rng, e)
        low_coverage(rng, e)
        return "data-pipeline"

    def retyped_with_release(e):
        f = retype_feature(rng, e)
        change(rng, e, [f])
        return "data-pipeline"

    def nulls_jump(e):
        null_jump(rng, e)
        return "data-pipeline"

    def added_column_small_nulls_and_drift(e):
        add_column(rng, e)
        f = small_null_rise(rng, e)
        drift(rng, e, avoid=[f])
        return "feature-drift"

    def nulls_fell(e):
        null_fall(rng, e)
        return "concept-drift"

    def removed_only(e):
        remove_feature(rng, e)
        return "data-pipeline"

    return [removed_with_event_and_labels, retyped_with_release, nulls_jump,
            added_column_small_nulls_and_drift, nulls_fell, removed_only]


def _upstream_family(rng):
    def release_with_event(e):
        f = drift(rng, e, low=0.5, high=5.0)
        change(rng, e, [f])
        event(rng, e)
        return "upstream-change"

    def release_with_low_coverage(e):
        f = drift(rng, e)
        change(rng, e, [f, _feature(rng, e, avoid=[f])])
        low_coverage(rng, e)
        return "upstream-change"

    def old_release(e):
        f = drift(rng, e)
        change(rng, e, [f], weeks_ago=int(rng.integers(2, 4)))
        return "feature-drift"

    def release_without_shift(e):
        f = moderate_psi(rng, e)
        change(rng, e, [f])
        drift(rng, e, avoid=[f])
        return "feature-drift"

    def release_without_any_shift(e):
        change(rng, e, [_feature(rng, e)])
        return "concept-drift"

    return [release_with_event, release_with_low_coverage, old_release, release_without_shift,
            release_without_any_shift]


def _labels_calendar_family(rng):
    def partial_labels_with_event_and_drift(e):
        low_coverage(rng, e)
        event(rng, e)
        drift(rng, e)
        return "label-delay"

    def event_with_drift(e):
        lowish_coverage(rng, e)
        event(rng, e)
        drift(rng, e)
        return "seasonality"

    def event_weeks_ago(e):
        event(rng, e, weeks_ago=int(rng.integers(1, 4)))
        return "concept-drift"

    def partial_labels(e):
        low_coverage(rng, e)
        return "label-delay"

    def event_with_moderate_psi(e):
        event(rng, e)
        moderate_psi(rng, e)
        return "seasonality"

    return [partial_labels_with_event_and_drift, event_with_drift, event_weeks_ago,
            partial_labels, event_with_moderate_psi]


def _drift_family(rng):
    def one_drifted(e):
        drift(rng, e)
        return "feature-drift"

    def only_moderate(e):
        f = moderate_psi(rng, e)
        moderate_psi(rng, e, avoid=[f])
        return "concept-drift"

    def exactly_on_threshold(e):
        e["feature_psi"][_feature(rng, e)] = 0.25
        return "concept-drift"

    def old_event_and_drift(e):
        event(rng, e, weeks_ago=int(rng.integers(2, 4)))
        drift(rng, e)
        return "feature-drift"

    def two_drifted(e):
        f = drift(rng, e)
        drift(rng, e, avoid=[f])
        return "feature-drift"

    return [one_drifted, only_moderate, exactly_on_threshold, old_event_and_drift, two_drifted]


FAMILIES: dict[str, Callable] = {
    "triage-real": _real_family,
    "triage-pipeline": _pipeline_family,
    "triage-upstream": _upstream_family,
    "triage-labels-calendar": _labels_calendar_family,
    "triage-drift": _drift_family,
}


def scenarios(family: str, rng: np.random.Generator) -> list[dict]:
    out = []
    for recipe in FAMILIES[family](rng):
        evidence = healthy(rng)
        planted = recipe(evidence)
        assert reference.triage(evidence) == planted, (family, recipe.__name__)
        out.append(evidence)
    order = rng.permutation(len(out))
    return [out[i] for i in order]


class Family(HiddenCheck):
    """One family of hidden incidents; every scenario must get the checklist's cause."""

    function = "triage"

    def __init__(self, id: str, title: str, points: float, *, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("triage", (copy.deepcopy(e),)) for e in scenarios(self.id, rng)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        if not all(isinstance(a.value, str) for a in answers):
            return Verdict(False, "`triage` must return one of the seven cause strings")
        unknown = sum(a.value not in reference.CAUSES for a in answers)
        wrong = sum(a.value != reference.triage(c.args[0])
                    for c, a in zip(calls, answers, strict=True))
        if wrong:
            extra = f", {unknown} of them not one of the seven causes" if unknown else ""
            return Verdict(False, f"{wrong} of {len(calls)} hidden incidents of this family got "
                                  f"another cause than the checklist gives{extra}")
        return Verdict(True, self.title)


# --- helpers -----------------------------------------------------------------------------------

def real_drop_inputs(rng: np.random.Generator) -> list:
    cases = []
    for sigmas in [1.0, 2.9, 3.3, 8.0, -6.0, 2.2, 4.5]:
        evidence = healthy(rng)
        set_drop(evidence, sigmas)
        cases.append(((evidence["weekly_metric"],), {}))
    evidence = healthy(rng)
    set_drop(evidence, 1.6)
    cases.append(((evidence["weekly_metric"],), {"n_sigmas": 1.5}))
    evidence = healthy(rng)
    set_drop(evidence, 2.4)
    cases.append(((evidence["weekly_metric"],), {"n_sigmas": 2.0}))
    return cases


def breaks_inputs(rng: np.random.Generator) -> list:
    plans = [
        [remove_feature],
        [retype_feature, add_column],
        [null_jump, small_null_rise],
        [add_column, null_fall],
        [small_null_rise],
        [remove_feature, null_jump, retype_feature],
        [null_fall, null_jump],
        [],
    ]
    cases = []
    for plan in plans:
        evidence = healthy(rng)
        used: list[str] = []
        for plant in plan:
            used.append(plant(rng, evidence, avoid=used))
        cases.append(((evidence,), {}))
    return cases


SUITE = Suite(
    exercise="m11-monitoring/triage",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "real-drop-random", "is_real_drop on random weekly metrics", 1,
            "is_real_drop", real_drop_inputs, reference.is_real_drop, rtol=0, atol=0,
            message="is_real_drop disagrees with the stated rule",
            hints=["Which weeks form the baseline, and which standard deviation do you use? "
                   "What should a week that is much BETTER than usual give?",
                   "baseline = weekly_metric[:-1] (never the week under investigation); real "
                   "when mean(baseline) - last > n_sigmas * statistics.stdev(baseline), the "
                   "sample standard deviation (ddof=1). A rise is not a drop."]),
        AgreesWithReference(
            "breaks-random", "pipeline_breaks on random schemas and null rates", 1,
            "pipeline_breaks", breaks_inputs, reference.pipeline_breaks, rtol=0, atol=0,
            message="pipeline_breaks does not list exactly the broken features",
            hints=["Test a feature that disappeared, a column that appeared, and a null rate "
                   "that went DOWN: which of them can break the model?",
                   "A feature of schema_before is broken when it is missing from schema_after, "
                   "has another type there, or its null rate rose by more than 0.05 "
                   "(after - before > 0.05). New columns and falling null rates are not "
                   "breaks. Return the names sorted."]),
        Family("triage-real", "triage: real drops and noise", 1,
               hints=["Before looking at any other evidence, is the drop outside the normal "
                      "week-to-week variation? What about a week that got better?",
                      "Step 1 uses is_real_drop(weekly_metric) with the default 3 standard "
                      "deviations; if it is False the answer is 'not-real', whatever else "
                      "the evidence shows."]),
        Family("triage-pipeline", "triage: broken pipelines and harmless schema changes", 2,
               hints=["A broken pipeline often makes the broken feature look drifted too, and "
                      "may come with a release or a holiday the same week. Which step of the "
                      "checklist comes first?",
                      "Step 2 (right after 'is it real') is 'data-pipeline' whenever "
                      "pipeline_breaks(evidence) is not empty; an added column or a null rate "
                      "that fell is not a break."]),
        Family("triage-upstream", "triage: upstream changes, with and without a shifted "
                                  "feature", 2,
               hints=["An upstream release is a cause only when it happened in the week under "
                      "investigation and a feature it touches really moved.",
                      "'upstream-change' needs a change whose week is len(weekly_metric) - 1 "
                      "and one of whose features has a PSI above 0.25. Older releases and "
                      "releases whose features did not shift are distractors."]),
        Family("triage-labels-calendar", "triage: partial labels and calendar events", 1,
               hints=["Is the performance number itself trustworthy this week? And is the "
                      "event on the calendar in THIS week?",
                      "'label-delay' when label_coverage[-1] < 0.8 (checked before the "
                      "calendar and before drift); 'seasonality' when calendar[-1] is not "
                      "empty. Events in earlier weeks do not count."]),
        Family("triage-drift", "triage: feature drift or concept drift", 1,
               hints=["When nothing earlier in the checklist applies, how strong must a "
                      "feature's shift be to count as feature drift?",
                      "'feature-drift' when some feature's PSI is strictly above 0.25; "
                      "otherwise 'concept-drift' (moderate PSI values, or exactly 0.25, are "
                      "not enough)."]),
    ],
)
