"""A strong suite built on differential testing against an independent oracle.

The expected features of each row are recomputed in plain Python, one row at a
time, from the docstring alone, and compared with add_features on seeded random
frames whose values are drawn from pools rich in edge cases (bin edges, refunds
around -1, zero and missing incomes, shuffled non-default indexes). Every
column gets its own test, so a failure says which part of the contract broke.
"""

# add_features and the model solution's helpers (one_row, feature, NEW_COLUMNS) are
# defined by the notebook this file is appended to.
# ruff: noqa: F821

import math

import numpy as np
import pandas as pd

EDGE_AGES = [18, 24, 25, 39, 40, 64, 65, 90]
INCOMES = [0.0, float("nan"), 0.01, 150.0, 1000.0, 2500.0, 60000.0]
AMOUNTS = [-250.0, -1.5, -1.0, -0.5, 0.0, 1e-10, 9.0, 1234.5, float("nan")]


def oracle(debt, income, amount, age):
    """The docstring's contract for one row, in plain Python."""
    has_income = not math.isnan(income)
    ratio = min(debt / income, 10.0) if has_income and income > 0 else math.nan
    log_amount = math.nan if math.isnan(amount) else math.log1p(max(amount, 0.0))
    if age < 25:
        band = "under 25"
    elif age < 40:
        band = "25-39"
    elif age < 65:
        band = "40-64"
    else:
        band = "65+"
    return {"debt_to_income": ratio, "log_amount": log_amount, "age_band": band,
            "income_missing": 0 if has_income else 1}


def random_frames(seed=5, count=30):
    rng = np.random.default_rng(seed)
    frames = []
    for _ in range(count):
        n = int(rng.integers(1, 25))
        frames.append(pd.DataFrame({
            "debt": rng.choice([0.0, 1.0, 300.0, 1500.0, 9000.0], n) * rng.uniform(0.5, 2, n),
            "income": rng.choice(INCOMES, n),
            "amount": rng.choice(AMOUNTS, n),
            "age": np.where(rng.random(n) < 0.7, rng.choice(EDGE_AGES, n),
                            rng.integers(18, 100, n)),
            "note": rng.choice(["a", "b"], n),
        }, index=rng.permutation(n) + 100))
    return frames


FRAMES = random_frames()
EXPECTED = [[oracle(*row) for row in zip(f["debt"], f["income"], f["amount"], f["age"],
                                        strict=True)]
            for f in FRAMES]


def same(actual, expected):
    if isinstance(expected, str):
        return actual == expected
    if math.isnan(expected):
        return bool(pd.isna(actual))
    return math.isclose(float(actual), expected, rel_tol=1e-9, abs_tol=1e-12)


def check_columns(*columns):
    """Every row of every random frame, position by position, against the oracle."""
    for frame, expected in zip(FRAMES, EXPECTED, strict=True):
        out = add_features(frame.copy())
        for column in columns:
            got = out[column].tolist()
            assert len(got) == len(expected)
            for position, (value, want) in enumerate(zip(got, expected, strict=True)):
                assert same(value, want[column]), (column, position)


def test_adds_four_columns_after_the_input_columns():
    for frame in FRAMES[:3]:
        out = add_features(frame.copy())
        assert list(out.columns)[:5] == list(frame.columns)
        assert set(list(out.columns)[5:]) == set(oracle(1.0, 1.0, 1.0, 30))


def test_does_not_modify_its_input():
    for shared in FRAMES[:10]:
        frame = shared.copy()  # never hand shared test data to the code under test
        add_features(frame)
        pd.testing.assert_frame_equal(frame, shared)


def test_keeps_input_columns_and_index():
    for frame in FRAMES[:10]:
        out = add_features(frame.copy())
        assert list(out.index) == list(frame.index)
        pd.testing.assert_frame_equal(out[frame.columns], frame)


def test_handles_an_empty_frame():
    empty = FRAMES[0].iloc[:0].copy()
    assert add_features(empty).shape[0] == 0


def test_debt_to_income():
    check_columns("debt_to_income")


def test_debt_to_income_is_missing_without_income():
    for frame in FRAMES:
        out = add_features(frame.copy())
        no_income = frame["income"].isna() | (frame["income"] <= 0)
        assert (out["debt_to_income"].isna() == no_income).all()


def test_log_amount():
    check_columns("log_amount")


def test_log_amount_keeps_missing_missing():
    for frame in FRAMES:
        assert (add_features(frame.copy())["log_amount"].isna() == frame["amount"].isna()).all()


def test_age_band():
    check_columns("age_band")


def test_income_missing():
    check_columns("income_missing")


def test_invariants_on_random_frames():
    check_columns("debt_to_income", "log_amount", "age_band", "income_missing")
