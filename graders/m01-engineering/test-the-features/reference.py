"""Oracle for test-the-features: the implementations the learner's tests are run against.

Runs only in the grader. Nothing here is imported by the sandbox: each version
travels as *source text* to the runner built-in ``academy:run_tests``, which
defines it in a fresh scope and puts it in place of the notebook's ``add_features``.

* ``GIVEN_SOURCE`` is the function the notebook shows (character for character).
* ``equivalent_sources(order)`` are correct rewrites of it: the same behaviour
  as the docstring promises, written differently (numpy arrays, Python loops,
  ``DataFrame.assign``), with the four new columns in ``order``, a different
  text dtype for ``age_band`` and last-digit float differences. Tests that pin
  what the docstring leaves open, or that compare floats with ``==``, fail on them.
* ``MUTANTS`` are the same function with one plausible bug each, grouped by
  the part of the contract they break. Each is a small edit of ``GIVEN_SOURCE``,
  as a mutation-testing tool would make it.
"""

from __future__ import annotations

GIVEN_SOURCE = '''\
import numpy as np
import pandas as pd

RATIO_CAP = 10.0
AGE_EDGES = [25, 40, 65]
AGE_LABELS = ["under 25", "25-39", "40-64", "65+"]


def add_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the credit model's derived features to a frame of loan applications.

    Input columns: debt (>= 0), income (>= 0 or missing), amount (the last
    transaction; negative for a refund, may be missing) and age (whole years,
    never missing). Other columns are allowed and passed through.

    Returns a NEW frame with the same index: every input column, unchanged and
    in its original order, followed by four new columns. The order of the four
    new columns among themselves is not part of the contract. `frame` itself is
    never modified.

    debt_to_income  debt / income, capped at RATIO_CAP (10.0); missing (NaN)
                    when income is missing or not positive
    log_amount      log(1 + amount), where a negative amount counts as 0;
                    missing when amount is missing
    age_band        text label: "under 25" (age < 25), "25-39", "40-64" or
                    "65+" (age >= 65); the pandas dtype is not part of the contract
    income_missing  1 when income is missing, else 0 (integers)
    """
    out = frame.copy()
    income = out["income"].where(out["income"] > 0)  # not positive -> NaN: no division by 0
    out["debt_to_income"] = (out["debt"] / income).clip(upper=RATIO_CAP)
    out["log_amount"] = np.log1p(out["amount"].clip(lower=0))
    band = np.searchsorted(AGE_EDGES, out["age"], side="right")
    out["age_band"] = pd.Series(np.asarray(AGE_LABELS)[band], index=out.index)
    out["income_missing"] = out["income"].isna().astype("int64")
    return out
'''

NEW_COLUMNS = ("debt_to_income", "log_amount", "age_band", "income_missing")

# --- correct rewrites ---------------------------------------------------------------------

_NUMPY = '''\
import numpy as np
import pandas as pd

LABELS = ["under 25", "25-39", "40-64", "65+"]


def add_features(frame):
    debt, income, amount = (frame[name].to_numpy(dtype=float, na_value=np.nan)
                            for name in ("debt", "income", "amount"))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(income > 0, debt * (1.0 / income), np.nan)
    ratio = np.where(ratio > 10.0, 10.0, ratio)
    new = {
        "debt_to_income": ratio,
        "log_amount": np.log1p(np.maximum(amount, 0.0)),
        "age_band": pd.cut(frame["age"], [-np.inf, 25, 40, 65, np.inf], right=False,
                           labels=LABELS).to_numpy(),
        "income_missing": np.isnan(income).astype(np.int64),
    }
    out = frame.copy()
    for name in __ORDER__:
        out[name] = pd.Series(new[name], index=frame.index, dtype=(
            "category" if name == "age_band" else None))
    return out
'''

_LOOPS = '''\
import math

import pandas as pd


def _band(age):
    if age < 25:
        return "under 25"
    if age < 40:
        return "25-39"
    if age < 65:
        return "40-64"
    return "65+"


def add_features(frame):
    columns = {"debt_to_income": [], "log_amount": [], "age_band": [], "income_missing": []}
    numbers = [frame[name].to_numpy(dtype=float, na_value=math.nan)
               for name in ("debt", "income", "amount")]
    for debt, income, amount, age in zip(*numbers, frame["age"]):
        debt, income, amount = float(debt), float(income), float(amount)
        if math.isnan(income) or income <= 0:
            columns["debt_to_income"].append(math.nan)
        else:
            columns["debt_to_income"].append(min(debt / income, 10.0))
        if math.isnan(amount):
            columns["log_amount"].append(math.nan)
        else:
            columns["log_amount"].append(math.log1p(amount) if amount > 0 else 0.0)
        columns["age_band"].append(_band(age))
        columns["income_missing"].append(1 if math.isnan(income) else 0)
    result = frame.copy()
    for name in __ORDER__:
        dtype = {"debt_to_income": "float64", "log_amount": "float64",
                 "age_band": object, "income_missing": "int64"}[name]
        result[name] = pd.Series(columns[name], index=frame.index, dtype=dtype)
    return result
'''

_ASSIGN = '''\
import bisect

import numpy as np
import pandas as pd

CAP = 10.0
EDGES = (25, 40, 65)
NAMES = ("under 25", "25-39", "40-64", "65+")


def _floats(column):
    return pd.Series(column.to_numpy(dtype=float, na_value=np.nan), index=column.index)


def add_features(frame):
    debt, income, amount = (_floats(frame[name]) for name in ("debt", "income", "amount"))
    ratio = debt.div(income.mask(income <= 0))
    new = {
        "debt_to_income": ratio.mask(ratio > CAP, CAP),
        "log_amount": amount.mask(amount < 0, 0.0).pipe(np.log1p),
        "age_band": frame["age"].map(lambda age: NAMES[bisect.bisect_right(EDGES, age)]),
        "income_missing": income.isna().map({True: 1, False: 0}).astype("int64"),
    }
    return frame.assign(**{name: new[name] for name in __ORDER__})
'''

EQUIVALENTS = {"numpy": _NUMPY, "loops": _LOOPS, "assign": _ASSIGN}


def equivalent_source(name: str, order: tuple[str, ...]) -> str:
    """The correct rewrite *name*, adding the new columns in *order*."""
    if sorted(order) != sorted(NEW_COLUMNS):
        raise ValueError(f"not an order of the new columns: {order}")
    return EQUIVALENTS[name].replace("__ORDER__", repr(list(order)))


# --- mutants ------------------------------------------------------------------------------

def _mutate(*edits: tuple[str, str]) -> str:
    """GIVEN_SOURCE with each (old, new) edit applied; each old text must occur once."""
    source = GIVEN_SOURCE
    for old, new in edits:
        if source.count(old) != 1:
            raise ValueError(f"mutation site {old!r} occurs {source.count(old)} times")
        source = source.replace(old, new)
    return source


_RATIO = 'out["debt_to_income"] = (out["debt"] / income).clip(upper=RATIO_CAP)'
_INCOME = 'income = out["income"].where(out["income"] > 0)'
_LOG = 'out["log_amount"] = np.log1p(out["amount"].clip(lower=0))'
_FLAG = 'out["income_missing"] = out["income"].isna().astype("int64")'

MUTANTS: dict[str, dict[str, str]] = {
    "ratio": {
        # debt and income swapped
        "inverted": _mutate((_RATIO, _RATIO.replace('out["debt"] / income',
                                                    'income / out["debt"]'))),
        # the cap forgotten
        "uncapped": _mutate((_RATIO, 'out["debt_to_income"] = out["debt"] / income')),
        # no zero-income handling: debt / 0 = inf, which the cap turns into 10.0
        "zero_income_hits_cap": _mutate((_INCOME, 'income = out["income"]')),
        # "no income, no ratio": 0.0 instead of missing
        "zero_income_is_zero": _mutate(
            (_RATIO, _RATIO + '.where(out["income"] != 0, 0.0)')),
    },
    "amount": {
        # refunds not clipped: log1p of a negative number (NaN below -1)
        "no_clip": _mutate((_LOG, 'out["log_amount"] = np.log1p(out["amount"])')),
        # clipped after the log: NaN (amount < -1) survives the clip
        "clip_after_log": _mutate(
            (_LOG, 'out["log_amount"] = np.log1p(out["amount"]).clip(lower=0)')),
        # NaN "fixed" with fillna: small refunds give negative values, -1 gives -inf,
        # and a missing amount becomes 0
        "nan_filled": _mutate(
            (_LOG, 'out["log_amount"] = np.log1p(out["amount"]).fillna(0.0)')),
        # log instead of log1p
        "log_not_log1p": _mutate((_LOG, _LOG.replace("np.log1p", "np.log"))),
    },
    "age": {
        # bins closed on the right: every edge age falls into the band below
        "right_closed": _mutate(('side="right"', 'side="left"')),
        "lower_edge": _mutate(("AGE_EDGES = [25, 40, 65]", "AGE_EDGES = [26, 40, 65]")),
        "middle_edge": _mutate(("AGE_EDGES = [25, 40, 65]", "AGE_EDGES = [25, 41, 65]")),
        "upper_edge": _mutate(("AGE_EDGES = [25, 40, 65]", "AGE_EDGES = [25, 40, 66]")),
        "labels_swapped": _mutate(('AGE_LABELS = ["under 25", "25-39", "40-64", "65+"]',
                                   'AGE_LABELS = ["under 25", "40-64", "25-39", "65+"]')),
    },
    "flag": {
        # NaN never equals anything, itself included: the flag is always 0
        "nan_equality": _mutate((_FLAG, 'out["income_missing"] = '
                                        '(out["income"] == np.nan).astype("int64")')),
        # the masked income (0 -> NaN) used by mistake: zero income flagged as missing
        "zero_income_flagged": _mutate((_FLAG, 'out["income_missing"] = '
                                               'income.isna().astype("int64")')),
    },
    "contract": {
        # no copy: the caller's frame gets the new columns
        "mutates_input": _mutate(("out = frame.copy()", "out = frame")),
        # the refund clip written back into the input column of the result
        "amount_overwritten": _mutate(
            (_LOG, 'out["amount"] = out["amount"].clip(lower=0)\n'
                   '    out["log_amount"] = np.log1p(out["amount"])')),
        # a Series built without the frame's index: aligned on labels, so a frame
        # whose index is not 0..n-1 gets missing or shuffled age bands
        "index_misaligned": _mutate((", index=out.index)", ")")),
    },
}


def define(source: str):
    """The ``add_features`` that *source* defines (for the grader's own self-checks)."""
    scope: dict = {}
    exec(compile(source, "<version>", "exec"), scope)
    return scope["add_features"]
