"""Checks for content-hashing: the public examples plus hidden random inputs.

Two kinds of hidden check per object:

* ``*-reference``: the learner's fingerprint equals the reference's, character for
  character, on random arrays, frames and models (the format is specified to the byte);
* ``*-sensitivity``: properties that hold whatever the format: changing one aspect of the
  content (a value in the middle of a large array, a dtype with the same bytes, a column's
  position, a hyperparameter...) changes the fingerprint, and rebuilding the same content
  differently (a model whose attributes were set in another order) does not.

Models cannot cross the sandbox boundary, so they travel as plain-data specs that the
notebook's ``build_model`` (and the reference's copy of it) turns into fitted models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

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

WORDS = ["store", "units", "price", "region", "promo", "sku", "week", "channel", "margin",
         "returns", "basket", "visits", "tenure", "segment", "score", "age"]
CITIES = ["Oslo", "Lima", "Pune", "Kyiv", "Accra", "Quito", "Hanoi", "Perth", "Cork"]


def _is_hex_digest(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef"
                                                               for c in value)


def _not_digests(function: str, calls: Sequence[Call],
                 answers: Sequence[Answer]) -> Verdict | None:
    failed = first_error(calls, answers)
    if failed:
        return failed
    if not all(_is_hex_digest(a.value) for a in answers):
        return Verdict(False, f"`{function}` must return a sha256 hex digest: a string of 64 "
                              "lowercase hexadecimal characters")
    return None


class Sensitivity(HiddenCheck):
    """Fingerprints of variants of one object: some pairs must differ, some must be equal.

    ``cases(rng)`` returns the call arguments and a list of rules
    ``(aspect, i, j, must_be_equal)`` over the answers' positions. The message names the
    aspects that failed (a property, never an input or an expected value).
    """

    def __init__(self, id: str, title: str, points: float, function: str, cases: Any, *,
                 hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.function = function
        self.cases = cases

    def calls(self, rng: np.random.Generator) -> list[Call]:
        args, _ = self.cases(rng)
        return [Call(self.function, tuple(a)) for a in args]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _not_digests(self.function, calls, answers)
        if failed:
            return failed
        _, rules = self.cases(None)
        same, different = [], []
        for aspect, i, j, equal in rules:
            if (answers[i].value == answers[j].value) != equal:
                (same if equal else different).append(aspect)
        if not same and not different:
            return Verdict(True, self.title)
        parts = []
        if different:
            parts.append("the fingerprint stays the same when only one of these changes: "
                         + "; ".join(dict.fromkeys(different)))
        if same:
            parts.append("the same content gets different fingerprints when "
                         + "; ".join(dict.fromkeys(same)))
        return Verdict(False, " and ".join(parts))


# --- arrays ------------------------------------------------------------------------------

def random_array(rng: np.random.Generator, dtype: str, shape: tuple[int, ...]) -> np.ndarray:
    if dtype in ("float64", "float32"):
        return (rng.normal(size=shape) * 10 ** rng.uniform(-3, 3)).astype(dtype)
    if dtype == "bool":
        return rng.random(shape) < 0.5
    if dtype == "uint8":
        return rng.integers(0, 256, size=shape).astype(np.uint8)
    return rng.integers(-10_000, 10_000, size=shape).astype(dtype)


def array_inputs(rng: np.random.Generator) -> list:
    specs = [("float64", (3, 4)), ("float32", (7,)), ("int64", (2, 3, 2)), ("int32", (5,)),
             ("uint8", (4, 4)), ("bool", (6,)), ("float64", ()), ("float64", (0, 3)),
             ("int64", (1,)), ("float64", (1500,))]
    return [((random_array(rng, dtype, shape),), {}) for dtype, shape in specs]


def _array_cases(rng: np.random.Generator | None) -> tuple[list, list]:
    rules = [
        ("nothing", 0, 1, True),
        ("one value in the middle of a large array", 0, 2, False),
        ("the last digit of one value", 0, 3, False),
        ("the shape", 0, 4, False),
        ("the dtype (with the same bytes)", 0, 5, False),
        ("the dtype (with the same bytes)", 6, 7, False),
        ("the shape", 6, 8, False),
        ("the dtype (with the same bytes)", 9, 10, False),
    ]
    if rng is None:
        return [], rules
    base = rng.normal(size=(40, 50))
    bumped = base.copy()
    bumped[rng.integers(15, 25), rng.integers(15, 35)] += 1.0
    nudged = base.copy()
    i, j = rng.integers(10, 30), rng.integers(10, 40)
    nudged[i, j] = np.nextafter(nudged[i, j], np.inf)
    flags = rng.random(8) < 0.5
    n = int(rng.integers(3, 9))
    args = [(base,), (base.copy(),), (bumped,), (nudged,), (base.reshape(50, 40),),
            (base.view(np.int64),), (np.zeros(2 * n),), (np.zeros(2 * n, dtype=np.int64),),
            (np.zeros((2, n)),), (flags,), (flags.astype(np.uint8),)]
    return args, rules


# --- frames ------------------------------------------------------------------------------

def _names(rng: np.random.Generator, k: int) -> list[str]:
    names = [str(w) for w in rng.choice(WORDS, size=k, replace=False)]
    if names == sorted(names):
        names.reverse()
    return names


def random_frame(rng: np.random.Generator, n: int, kinds: Sequence[str]) -> pd.DataFrame:
    data: dict[str, Any] = {}
    for name, kind in zip(_names(rng, len(kinds)), kinds, strict=True):
        if kind == "text":
            cities = rng.choice(CITIES, size=n)
            data[name] = pd.Series([None if rng.random() < 0.2 else str(c) for c in cities],
                                   dtype="str" if n else object)
        elif kind == "float64":
            values = np.round(rng.normal(50, 20, size=n), 2)
            values[rng.random(n) < 0.1] = np.nan
            data[name] = values
        elif kind == "bool":
            data[name] = rng.random(n) < 0.5
        else:
            data[name] = rng.integers(0, 500, size=n).astype(kind)
    return pd.DataFrame(data)


def frame_inputs(rng: np.random.Generator) -> list:
    return [((random_frame(rng, n, kinds),), {}) for n, kinds in [
        (12, ("text", "int64", "float64", "bool")),
        (9, ("float64", "text", "text")),
        (20, ("int32", "uint8", "float64")),
        (0, ("int64", "text")),
        (30, ("bool", "int64", "text", "float64", "int64")),
    ]]


def _frame_cases(rng: np.random.Generator | None) -> tuple[list, list]:
    rules = [("nothing", 0, 1, True), ("the order of two columns", 0, 2, False),
             ("a column name", 0, 3, False), ("one number", 0, 4, False),
             ("one text value", 0, 5, False), ("a column's dtype (same values)", 0, 6, False),
             ("the order of the rows", 0, 7, False),
             ("a missing value replaced by the text 'None'", 0, 8, False)]
    if rng is None:
        return [], rules
    n = int(rng.integers(10, 25))
    base = random_frame(rng, n, ("text", "int64", "float64", "bool"))
    text, ints, floats, _ = base.columns
    missing, oslo = (int(i) for i in rng.choice(n, size=2, replace=False))
    base.loc[missing, text] = None
    base.loc[oslo, text] = "Oslo"
    swapped = base[[ints, text, floats, base.columns[3]]]
    renamed = base.rename(columns={floats: floats + "_eur"})
    number = base.copy()
    number.loc[int(rng.integers(0, n)), ints] += 1
    word = base.copy()
    word.loc[oslo, text] = "Oslo "
    cast = base.astype({ints: "float64"})
    reversed_rows = base.iloc[::-1].reset_index(drop=True)
    none_text = base.copy()
    none_text.loc[missing, text] = "None"
    args = [(f,) for f in (base, base.copy(), swapped, renamed, number, word, cast,
                           reversed_rows, none_text)]
    return args, rules


# --- models ------------------------------------------------------------------------------

def _shuffled(rng: np.random.Generator, fitted: dict) -> dict:
    keys = list(fitted)
    return {keys[i]: fitted[keys[i]] for i in rng.permutation(len(keys))}


def random_spec(rng: np.random.Generator, kind: str | None = None) -> dict:
    kind = kind or str(rng.choice(["Ridge", "LinearRegression", "LogisticRegression"]))
    d = int(rng.integers(2, 7))
    coef = (rng.normal(size=d) * 2).tolist()
    fit_intercept = bool(rng.random() < 0.8)
    intercept = float(rng.normal()) if fit_intercept else 0.0
    if kind == "Ridge":
        params = {"alpha": float(np.round(10 ** rng.uniform(-2, 2), 4)),
                  "fit_intercept": fit_intercept,
                  "solver": str(rng.choice(["auto", "cholesky", "svd"]))}
        fitted: dict[str, Any] = {"coef_": coef, "intercept_": intercept, "n_features_in_": d}
    elif kind == "LinearRegression":
        params = {"fit_intercept": fit_intercept, "positive": bool(rng.random() < 0.3)}
        fitted = {"coef_": coef, "intercept_": intercept, "n_features_in_": d}
    else:
        params = {"C": float(np.round(10 ** rng.uniform(-2, 2), 4)),
                  "max_iter": int(rng.choice([100, 200, 500])), "fit_intercept": fit_intercept,
                  "class_weight": None if rng.random() < 0.7 else "balanced"}
        fitted = {"coef_": [coef], "intercept_": [intercept], "classes_": [0, 1],
                  "n_features_in_": d, "n_iter_": [int(rng.integers(5, 60))]}
    return {"class": kind, "params": params, "fitted": _shuffled(rng, fitted)}


def model_inputs(rng: np.random.Generator) -> list:
    kinds = ["Ridge", "LinearRegression", "LogisticRegression", "Ridge", "LogisticRegression",
             None]
    return [((random_spec(rng, kind),), {}) for kind in kinds]


def _variant(spec: dict, *, params: dict | None = None, fitted: dict | None = None,
             kind: str | None = None) -> dict:
    return {"class": kind or spec["class"], "params": {**spec["params"], **(params or {})},
            "fitted": {**spec["fitted"], **(fitted or {})}}


def _nudged(coef: list, index: int) -> list:
    out = list(coef)
    out[index] = float(np.nextafter(out[index], np.inf))
    return out


def _model_cases(rng: np.random.Generator | None) -> tuple[list, list]:
    rules = [("the attributes are set in another order (plus a diagnostic attribute)", 0, 1,
              True),
             ("the last digit of one coefficient", 0, 2, False), ("the intercept", 0, 3, False),
             ("a hyperparameter (same weights)", 0, 4, False),
             ("the model class (same weights)", 0, 5, False),
             ("a hyperparameter (same weights)", 6, 7, False)]
    if rng is None:
        return [], rules
    base = random_spec(rng, "Ridge")
    fitted = base["fitted"]
    reordered = {"class": "Ridge", "params": dict(base["params"]),
                 "fitted": {**dict(reversed(list(fitted.items()))), "n_iter_": None}}
    nudged = _variant(base, fitted={"coef_": _nudged(fitted["coef_"],
                                                     int(rng.integers(len(fitted["coef_"]))))})
    shifted = _variant(base, fitted={"intercept_": fitted["intercept_"] + 0.5})
    alpha = _variant(base, params={"alpha": base["params"]["alpha"] * 2})
    other = {"class": "LinearRegression", "params": {"fit_intercept":
                                                     base["params"]["fit_intercept"]},
             "fitted": dict(fitted)}
    logistic = random_spec(rng, "LogisticRegression")
    tighter = _variant(logistic, params={"C": logistic["params"]["C"] / 10})
    args = [(s,) for s in (base, reordered, nudged, shifted, alpha, other, logistic, tighter)]
    return args, rules


def registry_inputs(rng: np.random.Generator) -> list:
    """Registries where the match is an older version, a duplicate, the latest, or none."""
    cases = []
    for kind in ("Ridge", "LogisticRegression"):
        model = random_spec(rng, kind)
        fitted = model["fitted"]
        same = {**model, "fitted": dict(reversed(list(fitted.items())))}
        key = "alpha" if kind == "Ridge" else "C"
        param = _variant(model, params={key: model["params"][key] * 3})
        coef = fitted["coef_"] if kind == "Ridge" else fitted["coef_"][0]
        ulp = _nudged(coef, int(rng.integers(len(coef))))
        digit = _variant(model, fitted={"coef_": ulp if kind == "Ridge" else [ulp]})
        strangers = [random_spec(rng) for _ in range(3)]
        cases += [
            ((model, [param, same, digit]), {}),
            ((model, [strangers[0], model, strangers[1], same]), {}),
            ((model, [param, digit, strangers[2]]), {}),
            ((model, [strangers[1], strangers[0], same]), {}),
        ]
    cases.append(((random_spec(rng), []), {}))
    return cases


SUITE = Suite(
    exercise="m06-tracking/content-hashing",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "array-reference", "fingerprint_array agrees with the reference on random arrays",
            1, "fingerprint_array", array_inputs, reference.fingerprint_array,
            message="fingerprint_array differs from the reference fingerprint",
            hints=["The hidden arrays have several dtypes (float32, int32, uint8, bool...), "
                   "and some are empty or 0-dimensional. Does your header use a.dtype.str "
                   "and list(a.shape), through canonical_json?",
                   "sha256(canonical_json({'dtype': a.dtype.str, 'shape': list(a.shape)}) + "
                   "b'\\n' + a.tobytes()).hexdigest(), after a = np.asarray(a). No str(a), "
                   "no pickle, no Python hash(): they are not the specified bytes."]),
        Sensitivity(
            "array-sensitivity", "array fingerprints change with any change of content", 2,
            "fingerprint_array", _array_cases,
            hints=["Content is dtype, shape and every value at full precision. Which of those "
                   "does your fingerprint fail to see?",
                   "str(a) rounds values and hides the middle of arrays of more than 1,000 "
                   "values; a.tobytes() alone is the same for float zeros and int zeros and "
                   "for every shape with the same number of values. Hash a header with dtype "
                   "and shape, then the bytes."]),
        AgreesWithReference(
            "frame-reference", "fingerprint_frame agrees with the reference on random frames",
            1, "fingerprint_frame", frame_inputs, reference.fingerprint_frame,
            message="fingerprint_frame differs from the reference fingerprint",
            hints=["The hidden frames mix text (with missing values), integers of several "
                   "sizes, floats with NaN and booleans; one has no rows. Keep the columns in "
                   "the frame's order, and make the array checks pass first.",
                   "Per column: label col.dtype.name and digest fingerprint_array(col.to_numpy())"
                   " for numpy dtypes of kind b/i/u/f; otherwise label 'text' and digest the "
                   "sha256 of canonical_json([None if pd.isna(v) else str(v) for v in col]). "
                   "Then hash canonical_json({'columns', 'dtypes', 'values'})."]),
        Sensitivity(
            "frame-sensitivity", "frame fingerprints change with any change of content", 1,
            "fingerprint_frame", _frame_cases,
            hints=["A table's content is its column names, their order and types, and every "
                   "value in row order. Try swapping two columns, renaming one, or casting an "
                   "int column to float, and compare fingerprints.",
                   "Do not sort the columns, and include the names: pandas' "
                   "hash_pandas_object ignores them. Keep missing text as None: astype(str) "
                   "turns a missing value into the text 'None' or 'nan'."]),
        AgreesWithReference(
            "model-reference", "fingerprint_model agrees with the reference on random models", 1,
            "fingerprint_model_of", model_inputs, reference.fingerprint_model_of,
            message="fingerprint_model differs from the reference fingerprint",
            hints=["The hidden models are Ridge, LinearRegression and LogisticRegression with "
                   "various hyperparameters; some have a 2-D coef_ and a 1-D intercept_. Is "
                   "every part of the state in your fingerprint, and nothing else?",
                   "state = {'class': type(model).__name__, 'params': model.get_params(), "
                   "'coef': fingerprint_array(np.asarray(model.coef_)), 'intercept': "
                   "fingerprint_array(np.asarray(model.intercept_))}, hashed through "
                   "canonical_json; not the pickle."]),
        Sensitivity(
            "model-sensitivity", "model fingerprints follow the model's content, not its pickle",
            1, "fingerprint_model_of", _model_cases,
            hints=["Build the same model twice, setting its attributes in another order: do "
                   "you get the same fingerprint? Change only a hyperparameter: do you get "
                   "another?",
                   "A pickle records how the object was built (attribute order, library "
                   "version), so it is not canonical; and the weights alone miss the class and "
                   "the hyperparameters. Hash exactly class, get_params(), coef_, intercept_."]),
        AgreesWithReference(
            "find-version", "find_version picks the earliest matching version, or None", 1,
            "find_version_of", registry_inputs, reference.find_version_of,
            message="find_version returns the wrong version",
            hints=["The hidden registries contain near-duplicates (another hyperparameter, one "
                   "coefficient off in its last digit), exact duplicates built in another order, "
                   "matches at the first, a middle or the last version, and no match at all.",
                   "Compare fingerprint_model(model) with every registered fingerprint, in "
                   "order, and return the 1-based position of the first equal one; None when "
                   "nothing matches (an empty registry included)."]),
    ],
)
