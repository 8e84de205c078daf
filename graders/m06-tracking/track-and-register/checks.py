"""Checks for track-and-register: the public examples plus hidden scenarios.

Every hidden check is one self-contained scenario on experiment and model names of its own
(drawn from its generator), so no check depends on another having run first. Within a check
the calls run in order in one process against one store, which is what lets a check register
two versions and then ask for the first. The answers are what the learner's code read back
from its store; the judges compare them with values recomputed here: params as MLflow stores
them (strings), and the metric of the model the provided training code fits, on the data
that was sent (validation data, and fresh data only the reproduce check sends).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

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

RTOL = 1e-7
Data = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def dataset(rng: np.random.Generator, n_train: int = 120, n_val: int = 60,
            n_features: int = 4) -> Data:
    """Train and validation data from one noisy linear rule, both classes in each part."""
    w = rng.normal(size=n_features) * 1.5

    def part(n: int) -> tuple[np.ndarray, np.ndarray]:
        while True:
            X = np.round(rng.normal(size=(n, n_features)), 3)
            y = ((X @ w + rng.normal(size=n)) > 0).astype(np.int64)
            if 0 < y.sum() < n:
                return X, y

    X_train, y_train = part(n_train)
    X_val, y_val = part(n_val)
    return X_train, y_train, X_val, y_val


def random_params(rng: np.random.Generator, low: float = -2.0, high: float = 1.0) -> dict:
    """LogisticRegression hyperparameters; C drawn log-uniformly from [10**low, 10**high]."""
    params: dict = {"C": float(np.round(10 ** rng.uniform(low, high), 4)),
                    "max_iter": int(rng.choice([200, 300, 500]))}
    if rng.random() < 0.5:
        params["fit_intercept"] = bool(rng.random() < 0.7)
    if rng.random() < 0.5:
        params["class_weight"] = None if rng.random() < 0.5 else "balanced"
    return params


def names(rng: np.random.Generator, what: str) -> tuple[str, str]:
    """An experiment and a registered-model name that no other check uses."""
    tag = f"{int(rng.integers(16 ** 8)):08x}"
    return f"exp-{what}-{tag}", f"model-{what}-{tag}"


def job(experiment: str, model: str, params: dict, data: Data) -> Call:
    return Call("train_and_register", (experiment, model, params, *data))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and not (isinstance(value, float) and math.isnan(value))


def _close(got: object, want: float) -> bool:
    return _is_number(got) and math.isclose(float(got), want, rel_tol=RTOL, abs_tol=1e-12)


def _records(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | None:
    """A failing verdict unless every call worked and each job answered the right keys."""
    failed = first_error(calls, answers)
    if failed:
        return failed
    for call, answer in zip(calls, answers, strict=True):
        if call.function != "train_and_register":
            continue
        value = answer.value
        if not isinstance(value, dict) or not {"run_id", "version", "params", "metrics",
                                               "reproduced"} <= set(value):
            return Verdict(False, "`train_and_register` must return a dict with the keys "
                                  "run_id, version, params, metrics and reproduced")
        if not isinstance(value["params"], dict) or not isinstance(value["metrics"], dict):
            return Verdict(False, "`train_and_register` must return the run's params and "
                                  "metrics as dicts, as read_run reads them from the store")
    return None


class LoggedParams(HiddenCheck):
    """Each run holds every given hyperparameter, stored as its string form."""

    function = "train_and_register"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for i in range(2):
            experiment, model = names(rng, f"params{i}")
            calls.append(job(experiment, model, random_params(rng), dataset(rng)))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _records(calls, answers)
        if failed:
            return failed
        missing = wrong = 0
        for call, answer in zip(calls, answers, strict=True):
            stored = answer.value["params"]
            for key, value in reference.logged_params(call.args[2]).items():
                if key not in stored:
                    missing += 1
                elif stored[key] != value:
                    wrong += 1
        if missing or wrong:
            return Verdict(False, f"the runs read back from the store lack {missing} and "
                                  f"misstate {wrong} of the hyperparameters they were trained "
                                  "with")
        return Verdict(True, self.title)


class LoggedMetric(HiddenCheck):
    """Each run holds val_log_loss of its model on the validation data, unrounded."""

    function = "train_and_register"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for i, n_val in enumerate((47, 83)):
            experiment, model = names(rng, f"metric{i}")
            calls.append(job(experiment, model, random_params(rng),
                             dataset(rng, n_train=150, n_val=n_val)))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _records(calls, answers)
        if failed:
            return failed
        absent = wrong = 0
        for call, answer in zip(calls, answers, strict=True):
            params, X_train, y_train, X_val, y_val = call.args[2:]
            stored = answer.value["metrics"].get(reference.METRIC)
            if stored is None:
                absent += 1
            elif not _close(stored, reference.metric(params, X_train, y_train, X_val, y_val)):
                wrong += 1
        if absent:
            return Verdict(False, f"{absent} of {len(calls)} runs have no metric named "
                                  f"'{reference.METRIC}'")
        if wrong:
            return Verdict(False, f"the logged {reference.METRIC} is not the log loss of the "
                                  "run's model on its validation data, at full precision "
                                  f"({wrong} of {len(calls)} runs)")
        return Verdict(True, self.title)


class Versions(HiddenCheck):
    """Registering the same name again gives the next version; another name starts at 1."""

    function = "train_and_register"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        experiment, first = names(rng, "versions")
        _, second = names(rng, "versions")
        data = dataset(rng)
        return [job(experiment, first, random_params(rng), data),
                job(experiment, first, random_params(rng), data),
                job(experiment, second, random_params(rng), data),
                job(experiment, first, random_params(rng), data)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _records(calls, answers)
        if failed:
            return failed
        got = [answer.value["version"] for answer in answers]
        if not all(_is_int(v) for v in got):
            return Verdict(False, "the version numbers must be Python ints")
        if got != [1, 2, 1, 3]:
            return Verdict(False, "registering one model name several times (and another name "
                                  "in between) does not number the versions 1, 2, 3, ... per "
                                  "name")
        return Verdict(True, self.title)


class Reproduce(HiddenCheck):
    """After two versions exist, each version reloads as itself and reproduces its metric."""

    function = "reproduce_metric"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        experiment, model = names(rng, "reproduce")
        X_train, y_train, X_val, y_val = dataset(rng, n_train=150, n_val=90)
        X_new, y_new = X_val[45:], y_val[45:]
        data = (X_train, y_train, X_val[:45], y_val[:45])
        strong = random_params(rng, -3.0, -2.0)  # heavy regularisation
        weak = random_params(rng, 0.5, 1.5)
        for params in (strong, weak):
            params["fit_intercept"] = True
            params.pop("class_weight", None)
        return [job(experiment, model, strong, data), job(experiment, model, weak, data),
                Call("reproduce_metric", (model, 1, X_new, y_new)),
                Call("reproduce_metric", (model, 2, X_new, y_new)),
                Call("reproduce_metric", (model, 1, *data[2:]))]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _records(calls, answers)
        if failed:
            return failed
        (_, _, strong, X_train, y_train, X_val, y_val) = calls[0].args
        weak = calls[1].args[2]
        X_new, y_new = calls[2].args[2:]
        want = [reference.metric(strong, X_train, y_train, X_new, y_new),
                reference.metric(weak, X_train, y_train, X_new, y_new),
                reference.metric(strong, X_train, y_train, X_val, y_val)]
        reloaded = [a.value for a in answers[2:]]
        if not all(_is_number(v) for v in reloaded):
            return Verdict(False, "`reproduce_metric` must return the metric as a number")
        jobs_ok = _close(answers[0].value["reproduced"], want[2]) and _close(
            answers[1].value["reproduced"], reference.metric(weak, X_train, y_train, X_val, y_val))
        if not all(_close(g, w) for g, w in zip(reloaded, want, strict=True)) or not jobs_ok:
            return Verdict(False, "with two versions registered, reloading a given version does "
                                  "not give that version's metric back")
        return Verdict(True, self.title)


class Lineage(HiddenCheck):
    """run_of_version leads from each version back to the run that produced it."""

    function = "run_of_version"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        experiment, model = names(rng, "lineage")
        data = dataset(rng)
        return [job(experiment, model, random_params(rng), data),
                job(experiment, model, random_params(rng), data),
                Call("run_of_version", (model, 1)), Call("run_of_version", (model, 2))]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _records(calls, answers)
        if failed:
            return failed
        runs = [answers[0].value["run_id"], answers[1].value["run_id"]]
        if not all(isinstance(r, str) and r for r in runs) or runs[0] == runs[1]:
            return Verdict(False, "each job must report the id of the new run it logged")
        if [answers[2].value, answers[3].value] != runs:
            return Verdict(False, "`run_of_version` does not lead from each version to the run "
                                  "that produced it")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m06-tracking/track-and-register",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        LoggedParams(
            "logged-params", "runs hold the hyperparameters they were trained with", 2,
            hints=["Read a run back with read_run: is every key of params there? Params come "
                   "back as strings, which is how the store keeps them.",
                   "Call mlflow.log_params(params) inside the `with mlflow.start_run()` block, "
                   "before or after training; read them back with "
                   "MlflowClient().get_run(run_id).data.params."]),
        LoggedMetric(
            "logged-metric", "runs hold the validation metric of their model", 2,
            hints=["Which data is the logged metric computed on, and is it the value "
                   "val_log_loss returned, untouched?",
                   "mlflow.log_metric('val_log_loss', val_log_loss(model, X_val, y_val)): the "
                   "validation data, not the training data, and no round()."]),
        Versions(
            "versions", "versions are numbered 1, 2, 3, ... per registered model", 2,
            hints=["Register the same model name three times, with another name in between: "
                   "which numbers do you get, and are they ints?",
                   "mlflow.register_model(model_uri, name) creates the registered model the "
                   "first time and a new version every time; return int(result.version). "
                   "Do not call create_registered_model yourself on every run."]),
        Reproduce(
            "reproduce", "a reloaded version reproduces its own metric", 2,
            hints=["Register two versions of one name, then reproduce version 1: does your "
                   "function load version 1, or whatever is newest?",
                   "Load f'models:/{model_name}/{version}' with mlflow.sklearn.load_model and "
                   "return val_log_loss(model, X, y) on the data you are given; 'latest' is "
                   "a moving target."]),
        Lineage(
            "lineage", "each version leads back to the run that produced it", 2,
            hints=["Register two versions of one name and ask for the run of version 1: do "
                   "you get the first run, or the newest?",
                   "MlflowClient().get_model_version(model_name, str(version)).run_id; do not "
                   "search for the latest version or the latest run."]),
    ],
)
