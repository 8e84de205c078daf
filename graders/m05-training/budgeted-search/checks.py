"""Checks for budgeted-search: the public examples plus hidden searches.

``search`` runs in the sandbox with the notebook's trainer; everything below is judged
here, with ``reference.train_and_evaluate``, the same trainer:

* ``budget``: at most ``budget`` trials (and no more than the space holds), all distinct,
  all inside the space;
* ``selects-by-val``: the chosen configuration is a trial with the lowest validation loss,
  and every reported validation loss is the one the trainer gives for that configuration;
* ``beats-baseline``: the chosen configuration, retrained here on the learner's training
  data, has a loss on a hidden test set (4,000 points that never enter the sandbox) at least
  10% below the baseline's;
* ``reproducible``: the same data, space, budget and seed, with another search in between,
  give the same trials and the same choice.

The spaces of ``beats-baseline`` are built so that about half of their configurations beat
the baseline by far more than 10% (moderate weight decay), while the configurations with
the lowest *training* loss (no weight decay, high learning rate) memorise the noisy labels
and do worse than the baseline: a search that picks by validation loss passes with any
reasonable sampling, one that picks by training loss fails.
"""

from __future__ import annotations

import hashlib
import math
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

N_VAL = 300
TEST_SIZE = 4000
MARGIN = 0.9
"""The chosen configuration's test loss must be at most this fraction of the baseline's."""
VAL_RTOL = 1e-3
"""Tolerance between the losses reported from the sandbox and the ones recomputed here."""

SPACE_24 = {"lr": [1e-3, 1e-2, 3e-2], "hidden": [32, 128],
            "weight_decay": [0.0, 1e-3, 3e-3, 1e-2]}
BEATS_SCENARIOS = [  # (space, budget): every one holds configurations far better than baseline
    ({"lr": [1e-2, 3e-2], "hidden": [32, 128], "weight_decay": [0.0, 1e-3, 3e-3, 1e-2]}, 10),
    ({"weight_decay": [1e-2, 0.0, 3e-3, 1e-3], "hidden": [128, 64], "lr": [3e-2, 1e-2]}, 10),
    ({"hidden": [32, 64, 128], "weight_decay": [0.0, 3e-3, 1e-2], "lr": [3e-2]}, 6),
]
BUDGET_SCENARIOS = [  # a small budget, a budget equal to the space, one larger than it
    (SPACE_24, 3),
    ({"lr": [1e-2, 3e-2], "hidden": [32, 128], "weight_decay": [0.0, 1e-2]}, 8),
    ({"hidden": [32, 64], "weight_decay": [0.0, 3e-3], "lr": [1e-2]}, 9),
]
SELECT_SCENARIOS = [
    (SPACE_24, 6),
    ({"hidden": [64, 128], "lr": [3e-2], "weight_decay": [0.0, 1e-3, 3e-3, 1e-2]}, 5),
]


# ---------------------------------------------------------------- inputs

def data(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X, y = reference.make_data(rng, int(rng.integers(140, 201)))
    X_val, y_val = reference.make_data(rng, N_VAL)
    return X, y, X_val, y_val


def seed(rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31 - 1))


def search_call(rng: np.random.Generator, space: dict[str, list], budget: int) -> Call:
    return Call("search", (*data(rng), space, budget, seed(rng)))


def test_set(X_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hidden test set of one search: a function of its training data, kept here."""
    digest = hashlib.sha256(np.ascontiguousarray(X_train, dtype=np.float64).tobytes()).digest()
    rng = np.random.default_rng([int.from_bytes(digest[:8], "little"), len(X_train)])
    return reference.make_data(rng, TEST_SIZE)


# ---------------------------------------------------------------- answer helpers

def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and \
        math.isfinite(value)


def _same_value(a: Any, b: Any) -> bool:
    return _number(a) and _number(b) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def in_space(config: Any, space: dict[str, list]) -> bool:
    """A dict with exactly the space's keys, each value one of the listed ones."""
    return isinstance(config, dict) and set(config) == set(space) and all(
        any(_same_value(config[key], option) for option in space[key]) for key in space)


def same_config(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return set(a) == set(b) and all(_same_value(a[key], b[key]) for key in a)


def _result_problem(value: Any) -> str | None:
    """Why a search answer is malformed (None when it is well formed)."""
    if not isinstance(value, dict) or not {"config", "trials"} <= set(value):
        return "`search` must return a dict with keys 'config' and 'trials'"
    trials = value["trials"]
    if not isinstance(trials, list) or not trials:
        return "'trials' must be a non-empty list, one trial per training"
    for trial in trials:
        if not isinstance(trial, dict) or not {"config", "train_loss", "val_loss"} <= set(trial):
            return "every trial must be a dict with 'config', 'train_loss' and 'val_loss'"
        if not isinstance(trial["config"], dict) or not _number(trial["val_loss"]) or \
                not _number(trial["train_loss"]):
            return "a trial's 'config' must be a dict and its losses finite numbers"
    if not isinstance(value["config"], dict):
        return "'config' must be the chosen configuration, a dict"
    return None


def _invalid(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | None:
    failed = first_error(calls, answers)
    if failed:
        return failed
    for answer in answers:
        problem = _result_problem(answer.value)
        if problem:
            return Verdict(False, problem)
    return None


# ---------------------------------------------------------------- checks

class RespectsBudget(HiddenCheck):
    """At most ``budget`` trainings, at most one per configuration, all inside the space."""

    function = "search"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [search_call(rng, space, budget) for space, budget in BUDGET_SCENARIOS]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        invalid = _invalid(calls, answers)
        if invalid:
            return invalid
        over = outside = repeated = 0
        for call, answer in zip(calls, answers, strict=True):
            space, budget = call.args[4], call.args[5]
            configs = [trial["config"] for trial in answer.value["trials"]]
            if len(configs) > budget:
                over += 1
            elif not all(in_space(config, space) for config in configs):
                outside += 1
            elif any(same_config(a, b) for i, a in enumerate(configs) for b in configs[:i]):
                repeated += 1
        total = len(calls)
        if over:
            return Verdict(False, "the search ran more trainings than its budget allows "
                                  f"({over} of {total} hidden searches)")
        if outside:
            return Verdict(False, "a trial's configuration is not in the search space (every "
                                  "key of the space, each value one of its listed values; "
                                  f"{outside} of {total} hidden searches)")
        if repeated:
            return Verdict(False, "the search trained the same configuration more than once "
                                  f"({repeated} of {total} hidden searches)")
        return Verdict(True, self.title)


class SelectsByValidation(HiddenCheck):
    """The chosen configuration is a trial with the lowest genuine validation loss."""

    function = "search"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [search_call(rng, space, budget) for space, budget in SELECT_SCENARIOS]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        invalid = _invalid(calls, answers)
        if invalid:
            return invalid
        not_best = not_genuine = 0
        for call, answer in zip(calls, answers, strict=True):
            X, y, X_val, y_val, space, _, _ = call.args
            trials, chosen = answer.value["trials"], answer.value["config"]
            if not all(in_space(trial["config"], space) for trial in trials):
                return Verdict(False, "a trial's configuration is not in the search space")
            lowest = min(float(trial["val_loss"]) for trial in trials)
            if not any(same_config(chosen, trial["config"]) and
                       float(trial["val_loss"]) <= lowest for trial in trials):
                not_best += 1
                continue
            for trial in trials:
                want = reference.train_and_evaluate(trial["config"], X, y, X_val, y_val)
                if not math.isclose(float(trial["val_loss"]), want["val_loss"],
                                    rel_tol=VAL_RTOL, abs_tol=1e-6):
                    not_genuine += 1
                    break
        total = len(calls)
        if not_best:
            return Verdict(False, "the chosen configuration is not the trial with the lowest "
                                  f"validation loss ({not_best} of {total} hidden searches)")
        if not_genuine:
            return Verdict(False, "a reported 'val_loss' is not the validation loss that "
                                  "train_and_evaluate gives for that configuration on the "
                                  f"validation data ({not_genuine} of {total} hidden searches)")
        return Verdict(True, self.title)


class BeatsBaseline(HiddenCheck):
    """Retrained here, the chosen configuration beats the baseline on a hidden test set."""

    function = "search"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [search_call(rng, space, budget) for space, budget in BEATS_SCENARIOS]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        invalid = _invalid(calls, answers)
        if invalid:
            return invalid
        worse = 0
        for call, answer in zip(calls, answers, strict=True):
            X, y, _, _, space, _, _ = call.args
            chosen = answer.value["config"]
            if not in_space(chosen, space):
                return Verdict(False, "the chosen configuration is not in the search space")
            X_test, y_test = test_set(X)
            mine = reference.loss(reference.fit(chosen, X, y), X_test, y_test)
            base = reference.loss(reference.fit(reference.BASELINE, X, y), X_test, y_test)
            if mine > MARGIN * base:
                worse += 1
        if worse:
            return Verdict(False, "retrained on your training data, the chosen configuration's "
                                  "loss on a hidden test set is not at least "
                                  f"{1 - MARGIN:.0%} lower than the baseline's "
                                  f"({worse} of {len(calls)} hidden searches)")
        return Verdict(True, self.title)


class Reproducible(HiddenCheck):
    """Same inputs and seed, another search in between: the same trials and choice."""

    function = "search"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        first = search_call(rng, SPACE_24, 5)
        other = search_call(rng, BUDGET_SCENARIOS[1][0], 3)
        return [first, other, first]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        invalid = _invalid(calls, answers)
        if invalid:
            return invalid
        first, _, again = (answer.value for answer in answers)
        a = [trial["config"] for trial in first["trials"]]
        b = [trial["config"] for trial in again["trials"]]
        same = len(a) == len(b) and all(same_config(x, z) for x, z in zip(a, b, strict=True))
        if not same or not same_config(first["config"], again["config"]):
            return Verdict(False, "two searches with the same data, space, budget and seed "
                                  "tried different configurations or chose differently")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m05-training/budgeted-search",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        RespectsBudget(
            "budget", "at most `budget` distinct trainings, inside the space", 2,
            hints=["Count every call of train_and_evaluate, including any you make 'for "
                   "reference'. What happens when the budget is larger than the space?",
                   "Shuffle all_configs(space) once with your seeded generator and train the "
                   "first min(budget, len(configs)) of them: never more than budget, never the "
                   "same configuration twice, only values listed in the space."]),
        SelectsByValidation(
            "selects-by-val", "the choice is the trial with the lowest validation loss", 3,
            hints=["Which loss decides? A configuration that memorises the training data has "
                   "the lowest training loss and can be the worst on new data. And is the "
                   "configuration you return really the one that won?",
                   "Return best_trial(trials)['config'], where best_trial compares "
                   "trial['val_loss'] (not train_loss), and report the losses exactly as "
                   "train_and_evaluate returned them."]),
        BeatsBaseline(
            "beats-baseline", "the chosen configuration beats the baseline on hidden test data",
            3,
            hints=["The grader retrains your chosen configuration and scores it on test data "
                   "you never see. Does your search spread its budget over the whole space, "
                   "and choose on validation loss?",
                   "Sample configurations at random from all of them (not the first ones of a "
                   "grid), train each once, and choose the lowest validation loss; the good "
                   "configurations here use some weight decay."]),
        Reproducible(
            "reproducible", "the same seed gives the same search", 2,
            hints=["Run search twice with the same seed, with another search in between. Do "
                   "you get the same trials?",
                   "Draw with a generator made inside search from its seed, e.g. "
                   "rng = np.random.default_rng(seed); rng.permutation(len(configs)); not with "
                   "np.random's or random's global state."]),
    ],
)
