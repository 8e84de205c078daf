"""Checks for reproducible-training: the public examples plus hidden random inputs.

No check compares the learner's weights with weights trained here: a correct loop may
shuffle with a DataLoader or with randperm, checkpoint with torch.save or numpy, and land
on different (equally good) weights. Every training check judges consistency instead:

* ``same-seed``: two runs with one seed, with another training in between, agree exactly;
  a run with another seed does not;
* ``early-stopping``: the run stopped where the rule, applied here to the learner's own
  validation losses, says it should, and reports that rule's best epoch;
* ``best-weights``: the validation MSE of the returned weights, recomputed here in numpy
  with dropout off, equals the best epoch's loss in the learner's history;
* ``resume``: runs interrupted by ``train_with_checkpoint`` and finished by ``resume``,
  interleaved with other runs, equal the uninterrupted runs exactly.

Data are small and epochs few, so all trainings of one submission take seconds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

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

RESULT_KEYS = {"weights", "val_losses", "best_epoch", "stopped_epoch"}
REL_TOL = 1e-4
"""Tolerance between the learner's float32 validation loss and the float64 one here."""


# ---------------------------------------------------------------- inputs

def data(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Small regression data of random size and width."""
    return reference.regression_data(rng, n_train=int(rng.integers(80, 161)),
                                     n_val=int(rng.integers(50, 101)),
                                     n_features=int(rng.integers(3, 8)))


def config(rng: np.random.Generator, **fixed: Any) -> dict[str, Any]:
    """A random training configuration; ``fixed`` overrides entries."""
    cfg = {
        "hidden": int(rng.choice([16, 24, 32])),
        "dropout": float(rng.choice([0.1, 0.2])),
        "lr": float(rng.choice([0.01, 0.02])),
        "batch_size": int(rng.choice([16, 32])),
        "max_epochs": 30,
        "patience": int(rng.integers(2, 5)),
        "min_delta": 0.0,
    }
    cfg.update(fixed)
    return cfg


def seed(rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31 - 1))


def checkpoint_path(rng: np.random.Generator, tag: str) -> str:
    return f"ckpt-{tag}-{int(rng.integers(0, 10**9)):09d}.pt"


# ---------------------------------------------------------------- answer helpers

def _result_problem(value: Any) -> str | None:
    """Why an answer is not a result dict of train/resume (None when it is one)."""
    if not isinstance(value, dict) or set(value) != RESULT_KEYS:
        got = sorted(value) if isinstance(value, dict) else type(value).__name__
        return f"must return a dict with keys {sorted(RESULT_KEYS)} (got {got})"
    losses = value["val_losses"]
    if not isinstance(losses, list) or not losses or \
            not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in losses):
        return "`val_losses` must be a non-empty list of numbers"
    if not all(math.isfinite(v) for v in losses):
        return "`val_losses` holds NaN or infinite values"
    for key in ("best_epoch", "stopped_epoch"):
        if not isinstance(value[key], int) or isinstance(value[key], bool):
            return f"`{key}` must be an int"
    weights = value["weights"]
    if not isinstance(weights, (np.ndarray, list)):
        return "`weights` must be a numpy array (flat_weights(model))"
    try:
        w = np.asarray(weights, dtype=np.float64)
    except (TypeError, ValueError):
        return "`weights` must be a flat array of numbers"
    if w.ndim != 1:
        return "`weights` must be a flat (one-dimensional) array"
    return None


def _invalid(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | None:
    """A failing verdict when a call raised or a result dict is malformed."""
    failed = first_error(calls, answers)
    if failed:
        return failed
    for call, answer in zip(calls, answers, strict=True):
        if call.function in ("train", "resume"):
            problem = _result_problem(answer.value)
            if problem:
                return Verdict(False, f"`{call.function}` {problem}")
        elif call.function == "train_with_checkpoint":
            value = answer.value
            if not isinstance(value, list) or not all(
                    isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
                return Verdict(False, "`train_with_checkpoint` must return the list of "
                                      "validation losses so far")
    return None


def _same_run(a: dict, b: dict) -> bool:
    """Bit-for-bit the same result."""
    wa = np.asarray(a["weights"], dtype=np.float64)
    wb = np.asarray(b["weights"], dtype=np.float64)
    return (wa.shape == wb.shape and bool(np.array_equal(wa, wb))
            and [float(v) for v in a["val_losses"]] == [float(v) for v in b["val_losses"]]
            and a["best_epoch"] == b["best_epoch"] and a["stopped_epoch"] == b["stopped_epoch"])


# ---------------------------------------------------------------- early_stopping_state

def _rule(values: list[float], patience: int, min_delta: float, *, ties_improve: bool = False,
          sign: float = -1.0) -> dict:
    """The rule, or a variant of it: ``<=`` instead of ``<``, or min_delta's sign flipped."""
    best_loss, best_epoch = math.inf, 0
    for epoch, loss in enumerate(values, start=1):
        bound = best_loss + sign * min_delta
        if loss < bound or (ties_improve and loss == bound):
            best_loss, best_epoch = loss, epoch
    return {"best_epoch": best_epoch, "should_stop": len(values) - best_epoch >= patience}


def _curve(rng: np.random.Generator, length: int) -> np.ndarray:
    """A validation-loss curve: falls, then rises slowly, with noise."""
    epochs = np.arange(1, length + 1)
    turn = rng.uniform(3, 15)
    shape = 0.3 + 0.7 * np.exp(-epochs / rng.uniform(2, 6)) \
        + rng.uniform(0.0, 0.02) * np.maximum(0, epochs - turn)
    return shape + rng.normal(scale=rng.uniform(0.005, 0.03), size=length)


def _as_seen_in_training(values: list[float], patience: int, min_delta: float,
                         one_short: bool) -> list[float]:
    """The history as a training loop passes it: up to the first epoch at which the rule
    says stop (or one epoch before it), since the loop asks after every epoch."""
    for length in range(1, len(values) + 1):
        if _rule(values[:length], patience, min_delta)["should_stop"]:
            return values[:length - 1] if one_short and length > 1 else values[:length]
    return values


def stopping_inputs(rng: np.random.Generator) -> list:
    """Loss histories as a training loop sees them (most end exactly where the rule says
    stop, some one epoch before): with exact ties of the best loss (rounded values,
    min_delta 0), with a min_delta that changes the answer (and no loss within 1e-9 of a
    bound, so any equivalent arithmetic agrees), and the edge cases of zero and one epoch.
    Curves are re-drawn until the tie or the min_delta matters to the answer."""
    cases: list = [(([], int(rng.integers(1, 4)), 0.0), {}),
                   (([float(rng.uniform(0.2, 1.0))], 1, 0.0), {})]
    for index in range(4):
        for _attempt in range(500):
            values = [float(v) for v in np.round(_curve(rng, int(rng.integers(5, 24))), 2)]
            best = int(np.argmin(values))
            values.insert(int(rng.integers(best + 1, len(values) + 1)), values[best])
            patience = int(rng.integers(1, 6))
            values = _as_seen_in_training(values, patience, 0.0, one_short=index == 3)
            if _rule(values, patience, 0.0) != _rule(values, patience, 0.0, ties_improve=True):
                break
        cases.append(((values, patience, 0.0), {}))
    for index in range(4):
        for _attempt in range(500):
            values = [float(v) for v in _curve(rng, int(rng.integers(5, 26)))]
            min_delta = float(rng.choice([0.005, 0.01, 0.02]))
            patience = int(rng.integers(1, 6))
            values = _as_seen_in_training(values, patience, min_delta, one_short=index == 3)
            near, best = False, math.inf
            for v in values:  # no loss within 1e-9 of the rule's bound
                near |= abs((best - min_delta) - v) < 1e-9
                best = v if v < best - min_delta else best
            answer = _rule(values, patience, min_delta)
            if not near and answer != _rule(values, patience, 0.0) and \
                    answer != _rule(values, patience, min_delta, sign=1.0):
                break
        cases.append(((values, patience, min_delta), {}))
    return cases


# ---------------------------------------------------------------- same-seed

class SameSeed(HiddenCheck):
    """Same data and seed twice, another run in between: identical. Another seed: different."""

    function = "train"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        X, y, Xv, yv = data(rng)
        cfg = config(rng, max_epochs=8, patience=3)
        s1 = seed(rng)
        s2 = (s1 + 1 + int(rng.integers(0, 1000))) % (2**31 - 1)
        return [
            Call("train", (X, y, Xv, yv, s1), cfg),
            Call("train", (*data(rng), seed(rng)), config(rng, max_epochs=5)),
            Call("train", (X, y, Xv, yv, s1), cfg),
            Call("train", (X, y, Xv, yv, s2), cfg),
        ]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        invalid = _invalid(calls, answers)
        if invalid:
            return invalid
        first, _, again, other = (a.value for a in answers)
        if not _same_run(first, again):
            return Verdict(False, "two calls of `train` with the same data, configuration and "
                                  "seed gave different results when another training ran "
                                  "between them")
        if np.array_equal(np.asarray(first["weights"], dtype=np.float64),
                          np.asarray(other["weights"], dtype=np.float64)):
            return Verdict(False, "calls of `train` with different seeds gave identical "
                                  "weights: the seed argument does not reach the random parts")
        return Verdict(True, self.title)


# ---------------------------------------------------------------- early-stopping

class StopsByTheRule(HiddenCheck):
    """Each run stops where the rule, applied to its own losses, says; best epoch reported."""

    function = "train"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [
            Call("train", (*data(rng), seed(rng)), config(rng, patience=2)),
            Call("train", (*data(rng), seed(rng)), config(rng, patience=3, min_delta=0.01)),
            Call("train", (*data(rng), seed(rng)), config(rng, patience=2, min_delta=0.02)),
            Call("train", (*data(rng), seed(rng)), config(rng, patience=4, max_epochs=6)),
        ]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        invalid = _invalid(calls, answers)
        if invalid:
            return invalid
        wrong_stop = wrong_best = wrong_count = 0
        for call, answer in zip(calls, answers, strict=True):
            cfg, result = call.kwargs, answer.value
            losses = [float(v) for v in result["val_losses"]]
            patience, min_delta = cfg["patience"], cfg["min_delta"]
            n = len(losses)
            early = any(reference.early_stopping_state(losses[:e], patience, min_delta)
                        ["should_stop"] for e in range(1, n))
            final = reference.early_stopping_state(losses, patience, min_delta)
            if early or n > cfg["max_epochs"] or \
                    not (final["should_stop"] or n == cfg["max_epochs"]):
                wrong_stop += 1
            elif result["best_epoch"] != final["best_epoch"]:
                wrong_best += 1
            elif result["stopped_epoch"] != n:
                wrong_count += 1
        total = len(calls)
        if wrong_stop:
            return Verdict(False, "training did not stop where the early-stopping rule, "
                                  "applied to the run's own validation losses, says it should "
                                  f"({wrong_stop} of {total} hidden runs)")
        if wrong_best:
            return Verdict(False, "`best_epoch` is not the last improving epoch of the run's "
                                  f"own validation losses ({wrong_best} of {total} hidden runs)")
        if wrong_count:
            return Verdict(False, "`stopped_epoch` is not the number of epochs run, "
                                  f"len(val_losses) ({wrong_count} of {total} hidden runs)")
        return Verdict(True, self.title)


# ---------------------------------------------------------------- best-weights

class BestWeights(HiddenCheck):
    """The returned weights have the validation loss of the best epoch (recomputed here)."""

    function = "train"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("train", (*data(rng), seed(rng)), config(rng, patience=patience))
                for patience in (2, 3, 2)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        invalid = _invalid(calls, answers)
        if invalid:
            return invalid
        wrong = 0
        for call, answer in zip(calls, answers, strict=True):
            X, _, X_val, y_val, _ = call.args
            cfg, result = call.kwargs, answer.value
            n_features, hidden = int(X.shape[1]), cfg["hidden"]
            weights = np.asarray(result["weights"], dtype=np.float64)
            if weights.size != reference.n_params(n_features, hidden):
                return Verdict(False, "`weights` does not hold one value per parameter of "
                                      "make_model (use flat_weights(model))")
            losses = [float(v) for v in result["val_losses"]]
            best = reference.early_stopping_state(losses, cfg["patience"],
                                                  cfg["min_delta"])["best_epoch"]
            got = reference.validation_mse(weights, n_features, hidden, X_val, y_val)
            if not math.isclose(got, losses[best - 1], rel_tol=REL_TOL, abs_tol=1e-7):
                wrong += 1
        if wrong:
            return Verdict(False, "the returned weights do not have the best epoch's validation "
                                  "loss: rebuilt from `weights`, the network's validation MSE "
                                  "(evaluation mode) differs from the lowest loss in "
                                  f"`val_losses` ({wrong} of {len(calls)} hidden runs)")
        return Verdict(True, self.title)


# ---------------------------------------------------------------- resume

class ResumeIsExact(HiddenCheck):
    """Interrupted, interleaved and resumed runs equal the uninterrupted ones exactly."""

    function = "resume"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        runs = []
        for tag, stop_after in (("a", 2), ("b", int(rng.integers(5, 9)))):
            args = (*data(rng), seed(rng))
            runs.append((args, config(rng, patience=int(rng.integers(3, 5))),
                         checkpoint_path(rng, tag), stop_after))
        calls = []
        for args, cfg, path, stop_after in runs:
            calls.append(Call("train", args, cfg))
            calls.append(Call("train_with_checkpoint", (*args, path, stop_after), cfg))
        for args, cfg, path, _ in runs:
            calls.append(Call("resume", (path, *args[:4]), cfg))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        invalid = _invalid(calls, answers)
        if invalid:
            return invalid
        values = [a.value for a in answers]
        full = [values[0], values[2]]
        partial = [values[1], values[3]]
        resumed = [values[4], values[5]]
        stops = [calls[1].args[-1], calls[3].args[-1]]
        for whole, part, stop in zip(full, partial, stops, strict=True):
            expected = [float(v) for v in whole["val_losses"]][:stop]
            if [float(v) for v in part] != expected:
                return Verdict(False, "`train_with_checkpoint` does not train like `train`: its "
                                      "validation losses differ from the first epochs of an "
                                      "uninterrupted run with the same seed")
        different = sum(not _same_run(a, b) for a, b in zip(full, resumed, strict=True))
        if different:
            return Verdict(False, "a run interrupted by `train_with_checkpoint` and finished by "
                                  "`resume` does not end with exactly the result of an "
                                  f"uninterrupted run ({different} of 2 hidden runs)")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m05-training/reproducible-training",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "stopping-random", "early_stopping_state on random loss curves", 2,
            "early_stopping_state", stopping_inputs, reference.early_stopping_state,
            message="early_stopping_state disagrees with the rule (improve when "
                    "loss < best - min_delta; stop when epochs since the best >= patience)",
            hints=["Test curves with repeated values, a min_delta larger than the small gains, "
                   "a single epoch and an empty list.",
                   "best_epoch is the last epoch whose loss was strictly below (best so far - "
                   "min_delta), 0 for an empty list; should_stop is "
                   "len(val_losses) - best_epoch >= patience."]),
        SameSeed(
            "same-seed", "the same seed gives the same weights; another seed, other weights", 3,
            hints=["Run train twice with the same seed, with another training (another seed) in "
                   "between. Which random draws depend on what ran before: the initial "
                   "weights, the batch order, the dropout masks?",
                   "Seed inside train, at the start: torch.manual_seed(seed) before building the "
                   "model (weights and dropout), and a torch.Generator().manual_seed(seed) for "
                   "the batch order. Seeding numpy alone, or once at the top of the notebook, "
                   "is not enough; and use the seed argument, not a constant."]),
        StopsByTheRule(
            "early-stopping", "training stops where the early-stopping rule says", 2,
            hints=["After each epoch, append the validation loss and ask early_stopping_state "
                   "whether to stop, before starting another epoch. Does your loop run one "
                   "epoch too many or too few?",
                   "Stop as soon as len(val_losses) - best_epoch >= patience (or at "
                   "max_epochs); report best_epoch from the rule and stopped_epoch = "
                   "len(val_losses)."]),
        BestWeights(
            "best-weights", "the returned weights are the best epoch's", 2,
            hints=["The grader rebuilds your network from `weights`, computes its validation "
                   "MSE with dropout off, and compares it with the best loss in your "
                   "`val_losses`. Are you returning the last epoch's weights? Is your "
                   "validation loss computed in evaluation mode?",
                   "When an epoch improves, keep copy.deepcopy(model.state_dict()) (a bare "
                   "state_dict() follows later updates); load it before flat_weights. Compute "
                   "validation losses after model.eval() under torch.no_grad(), with targets "
                   "shaped (n, 1), and call model.train() before the next epoch."]),
        ResumeIsExact(
            "resume", "a resumed run equals an uninterrupted one exactly", 3,
            hints=["List everything that changes from one epoch to the next: the weights, and "
                   "what else? Your checkpoint must hold all of it, and resume must restore it "
                   "without drawing new random numbers afterwards.",
                   "Save the model's and the optimizer's state_dict (Adam's moments and step), "
                   "the validation losses, the best weights, your batch-order generator's "
                   "get_state() and torch.get_rng_state() (dropout). In resume, build the model "
                   "and optimizer, load their states, and restore the RNG states last."]),
    ],
)
