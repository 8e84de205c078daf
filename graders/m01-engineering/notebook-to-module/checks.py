"""Checks for notebook-to-module: behaviour, purity, validation and interface.

The behavioural checks call the notebook's locked adapter
``build_from_plain(data, config)``, which builds ``FeatureConfig(**config)`` and
calls the learner's ``build_features(frame, config)``; the frame and the config
travel as plain data. Hidden checks:

* ``default-config`` / ``custom-config``: random order tables (missing and
  negative amounts, amounts above the cap, zero items, every hour, unknown and
  missing countries, extra columns in random order) agree with the reference,
  with the default configuration and with random ones (wrapping and
  non-wrapping night windows, other caps, vocabularies and labels);
* ``input-unchanged``: ``academy:call_and_inputs`` returns the frame and the
  config as they are after the call; both must be unchanged;
* ``missing-columns``: a frame without required columns raises ``ValueError``
  whose message names every missing column; a complete frame with extra
  columns is accepted;
* ``repeatable``: calls A, B, A, B: the same input gives the same output and
  different inputs do not give the same output (no state between calls);
* ``typed-and-documented``: ``academy:signature`` shows annotated parameters
  (a DataFrame and a FeatureConfig), an annotated DataFrame return and a docstring.

Every table length is used by one check only (public 6; default-config 25, 31,
47, 58; custom-config 22, 36, 41, 53; input-unchanged 17, 29, 44;
missing-columns 7, 8, 9, 10, 11; repeatable 12), so state kept between calls
(which all run in one namespace) shows up in ``repeatable`` and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from academy.grading.checks import (
    Answer,
    Call,
    HiddenCheck,
    Suite,
    Verdict,
    describe_error,
    first_error,
    public_checks,
)
from academy.runtime import codec

from . import reference
from .public import PUBLIC_CHECKS

ADAPTER = "build_from_plain"
COUNTRIES = ["DE", "FR", "GB", "NL", "US", "BR", "IN", "JP", "ES", "de"]
LABELS = ["OTHER", "rest", "unknown", "zz"]


def random_orders(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """An order table with every edge case the rules name, plus extra columns."""
    amount = rng.lognormal(4.0, 1.5, n).round(2)
    draw = rng.random(n)
    amount = np.where(draw < 0.12, rng.uniform(5000, 20000, n).round(2), amount)  # above the cap
    amount = np.where((draw >= 0.12) & (draw < 0.2), -rng.uniform(1, 80, n).round(2), amount)
    amount = np.where((draw >= 0.2) & (draw < 0.3), np.nan, amount)  # missing
    country = rng.choice(np.array(COUNTRIES + [None], dtype=object), n)
    columns = {
        "order_id": rng.permutation(n) + 1000,
        "amount": amount,
        "n_items": rng.integers(0, 6, n),
        "hour": rng.integers(0, 24, n),
        "country": country,
        "channel": rng.choice(np.array(["web", "app", "shop"], dtype=object), n),
    }
    order = [str(name) for name in rng.permutation(list(columns))]
    return pd.DataFrame({name: columns[name] for name in order})


def random_config(rng: np.random.Generator, wraps: bool | None = None) -> dict[str, Any]:
    """A configuration whose every field differs from the default; ``wraps`` chooses
    whether the night window runs past midnight (None: either)."""
    while True:  # never equal, even when only one of them is sent (the other is 22 or 6)
        start, end = (int(h) for h in rng.choice(24, size=2, replace=False))
        if (start, end) != (22, 6) and start != 6 and end != 22 and \
                (wraps is None or wraps == (start > end)):
            break
    known = sorted(rng.choice(COUNTRIES[:-1], size=int(rng.integers(1, 5)), replace=False))
    return {
        "amount_cap": float(rng.choice([40.0, 150.0, 800.0, 2500.0, 12000.0])),
        "night_start": start,
        "night_end": end,
        "known_countries": [str(c) for c in known],
        "other_label": str(rng.choice(LABELS)),
    }


def _frames_differ(actual: Any, expected: pd.DataFrame) -> str | None:
    """Why a returned table is not the expected one (None when it is)."""
    if not isinstance(actual, pd.DataFrame):
        return "build_features must return a pandas DataFrame"
    reason = codec.compare(actual, expected, rtol=1e-9, atol=1e-12)
    if reason:
        return reason
    if actual["is_night"].dtype.kind not in "iu":
        return "column 'is_night' must hold the integers 0 and 1"
    return None


class MatchesReference(HiddenCheck):
    """The adapter's answers agree with the reference on seeded random inputs."""

    function = ADAPTER

    def __init__(self, id: str, title: str, points: float, *, sizes: Sequence[int],
                 custom: bool, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.sizes = tuple(sizes)
        self.custom = custom

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for i, n in enumerate(self.sizes):
            # the first window wraps past midnight, the second does not, the rest either way
            config = random_config(rng, {0: True, 1: False}.get(i)) if self.custom else {}
            if self.custom and i == len(self.sizes) - 1:  # some fields left at their default
                keep = rng.choice(list(config), size=2, replace=False)
                config = {str(key): config[str(key)] for key in keep}
            calls.append(Call(ADAPTER, (random_orders(rng, n), config)))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        wrong, first = 0, ""
        for call, answer in zip(calls, answers, strict=True):
            reason = _frames_differ(answer.value, reference.build_from_plain(*call.args))
            if reason:
                wrong += 1
                first = first or reason
        if wrong:
            return Verdict(False, f"build_features disagrees with the rules on {wrong} of "
                                  f"{len(calls)} hidden order tables (first difference: {first})")
        return Verdict(True, self.title)


class InputUnchanged(HiddenCheck):
    """Neither the frame nor the config passed in is changed by the call."""

    function = ADAPTER

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:call_and_inputs", (ADAPTER, random_orders(rng, n), config))
                for n, config in ((17, {}), (29, random_config(rng)), (44, {}))]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        for answer in answers:
            if not answer.ok:
                return Verdict(False, describe_error("build_features", answer.error or ""))
        for call, answer in zip(calls, answers, strict=True):
            _, frame, config = call.args
            after = answer.value.get("args", []) if isinstance(answer.value, dict) else []
            if len(after) != 2:
                return Verdict(False, "the call's inputs could not be inspected")
            if codec.compare(after[0], frame) is not None:
                return Verdict(False, "build_features changes the frame it is given (a column "
                                      "was overwritten, added, removed or reordered in the "
                                      "caller's frame): work on new Series or on a copy")
            if codec.compare(after[1], config) is not None:
                return Verdict(False, "build_features changes the configuration it is given")
        return Verdict(True, self.title)


class MissingColumns(HiddenCheck):
    """Frames without required columns raise ValueError naming each missing one."""

    function = ADAPTER

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for n, k in ((7, 1), (8, 2), (10, 1), (11, 3)):  # (rows, missing columns)
            drop = list(rng.choice(reference.REQUIRED, size=k, replace=False))
            calls.append(Call(ADAPTER, (random_orders(rng, n).drop(columns=drop), {})))
        calls.append(Call(ADAPTER, (random_orders(rng, 9), {})))  # complete: must be accepted
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        for call, answer in zip(calls, answers, strict=True):
            missing = reference.missing_columns(call.args[0])
            error = answer.error or ""
            if not missing:
                if not answer.ok:
                    return Verdict(False, "build_features fails on a frame that has every "
                                          "required column (extra columns, in any order, must "
                                          f"be accepted): {error[:200]}")
                continue
            if answer.ok:
                return Verdict(False, "a frame without a required column was accepted: "
                                      "build_features must raise ValueError (no error was "
                                      "raised; is it caught and hidden?)")
            if error.startswith("NotImplementedError"):
                return Verdict(False, describe_error("build_features", error))
            kind = error.split(":", 1)[0]
            if kind != "ValueError":
                return Verdict(False, f"a frame without a required column raised {kind}, not "
                                      "ValueError: check the columns before using them, and "
                                      "raise ValueError yourself")
            absent = [name for name in missing if not re.search(rf"\b{name}\b", error)]
            if absent:
                return Verdict(False, "the ValueError does not name every missing column "
                                      "(when several are missing, name them all in one message)")
        return Verdict(True, self.title)


class Repeatable(HiddenCheck):
    """Calls A, B, A, B: outputs depend on the input alone, not on earlier calls."""

    function = ADAPTER

    def calls(self, rng: np.random.Generator) -> list[Call]:
        first, second = random_orders(rng, 12), random_orders(rng, 12)
        return [Call(ADAPTER, (frame, {})) for frame in (first, second, first, second)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        values = [answer.value for answer in answers]
        if not all(isinstance(v, pd.DataFrame) for v in values):
            return Verdict(False, "build_features must return a pandas DataFrame")
        if codec.compare(values[2], values[0], 0, 0) or codec.compare(values[3], values[1], 0, 0):
            return Verdict(False, "the same input gave a different output on a later call: "
                                  "build_features keeps state between calls")
        expected = [reference.build_from_plain(*call.args) for call in calls[:2]]
        if codec.compare(expected[1], expected[0]) and codec.compare(values[1], values[0]) is None:
            return Verdict(False, "two different inputs gave the same output: an earlier "
                                  "call's result seems to be reused")
        return Verdict(True, self.title)


class TypedAndDocumented(HiddenCheck):
    """build_features has annotated parameters and return, and a docstring."""

    function = "build_features"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:signature", ("build_features",))]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        answer = answers[0]
        if not answer.ok:
            return Verdict(False, describe_error("build_features", answer.error or ""))
        sig = answer.value if isinstance(answer.value, dict) else {}
        params = sig.get("parameters") or []
        problems = []
        if len(params) < 2:
            problems.append("it must take the frame and the config")
        else:
            if "DataFrame" not in (params[0].get("annotation") or ""):
                problems.append("annotate the frame parameter as pd.DataFrame")
            if "FeatureConfig" not in (params[1].get("annotation") or ""):
                problems.append("annotate the config parameter as FeatureConfig")
            unannotated = [p.get("name") for p in params[2:] if not p.get("annotation")]
            if unannotated:
                problems.append(f"annotate every parameter ({', '.join(map(str, unannotated))})")
        if "DataFrame" not in (sig.get("returns") or ""):
            problems.append("annotate the return type as pd.DataFrame")
        if not (sig.get("doc") or "").strip():
            problems.append("give it a docstring")
        if problems:
            return Verdict(False, "build_features' interface is incomplete: "
                                  + "; ".join(problems))
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m01-engineering/notebook-to-module",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        MatchesReference(
            "default-config", "build_features follows the rules with the default config", 2,
            sizes=(25, 31, 47, 58), custom=False,
            hints=["Test your function on the awkward rows: a missing amount, a refund, an "
                   "amount above the cap, zero items, hours 0, 5, 6, 21, 22 and 23, a missing "
                   "or lower-case country, and extra columns in any order.",
                   "Clean the amount first (fillna(0.0), then clip(0, amount_cap)) and derive "
                   "log_amount and amount_per_item from the cleaned amount; amount_per_item is "
                   "0.0 where n_items == 0; return exactly the five feature columns in the "
                   "specified order, with the input's index."]),
        MatchesReference(
            "custom-config", "build_features takes every setting from its config", 2,
            sizes=(22, 36, 41, 53), custom=True,
            hints=["Change one field of FeatureConfig at a time and check that the output "
                   "changes accordingly. Is any number, country or label still written in the "
                   "function body or read from a global?",
                   "Night is night_start <= hour < night_end when night_start < night_end, and "
                   "hour >= night_start or hour < night_end when the window wraps past "
                   "midnight (night_start > night_end)."]),
        InputUnchanged(
            "input-unchanged", "build_features leaves its input frame alone", 2,
            hints=["Call build_features on a frame, then compare the frame with a copy taken "
                   "before the call: is any column different?",
                   "Never assign into the frame you were given (frame[col] = ..., fillna or "
                   "clip with inplace=True, frame.loc[...] = ...). Compute new Series from it "
                   "and assemble the result in a new DataFrame."]),
        MissingColumns(
            "missing-columns", "a frame without required columns raises a clear ValueError", 2,
            hints=["Validate the input before computing anything: what happens today when the "
                   "frame has no 'hour' column, and does the error say so?",
                   "Collect every required column that is absent, and if the list is not "
                   "empty raise ValueError(f\"missing required columns: {missing}\"). Do not "
                   "catch the error inside build_features."]),
        Repeatable(
            "repeatable", "build_features depends on its inputs alone", 1,
            hints=["Call build_features on frame A, then on a different frame B of the same "
                   "length, then on A again: do you get A's result back, and B's result for B?",
                   "Remove module-level caches, counters and globals that the function "
                   "updates; a pure function computes its result from its arguments only."]),
        TypedAndDocumented(
            "typed-and-documented", "build_features is typed and documented", 1,
            hints=["Look at build_features' signature: could a reader or mypy tell what goes "
                   "in and what comes out?",
                   "def build_features(frame: pd.DataFrame, config: FeatureConfig) -> "
                   "pd.DataFrame: followed by a docstring that states the rules."]),
    ],
)
