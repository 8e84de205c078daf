"""A strong suite built around one hand-computed golden table.

Instead of a helper per value and parametrize tables, one input frame holds
every edge case in its rows (a bin edge, a refund, a zero and a missing income,
a non-default index), and each test compares one column of the result with
values worked out by hand, using numpy.testing. The last test is metamorphic:
shuffling the rows must not change any row's features.
"""

# add_features and the model solution's helpers (one_row, feature, NEW_COLUMNS) are
# defined by the notebook this file is appended to.
# ruff: noqa: F821

import math

import numpy as np
import pandas as pd

GOLDEN_INPUT = pd.DataFrame(
    {
        "debt": [300.0, 9000.0, 1500.0, 250.0, 250.0, 0.0, 80.0, 10.0],
        "income": [1000.0, 300.0, 150.0, 0.0, np.nan, 500.0, 4000.0, 100.0],
        "amount": [9.0, -0.5, -1.0, -250.0, 0.0, np.nan, 1e-10, 99.0],
        "age": [24, 25, 39, 40, 64, 65, 18, 90],
        "branch": ["n", "s", "e", "w", "n", "s", "e", "w"],
    },
    index=[70, 3, 11, 5, 42, 8, 0, 19],
)
NAN = float("nan")
GOLDEN_EXPECTED = {
    "debt_to_income": [0.3, 10.0, 10.0, NAN, NAN, 0.0, 0.02, 0.1],
    "log_amount": [math.log(10.0), 0.0, 0.0, 0.0, 0.0, NAN, 1e-10, math.log(100.0)],
    "age_band": ["under 25", "25-39", "25-39", "40-64", "40-64", "65+", "under 25", "65+"],
    "income_missing": [0, 0, 0, 0, 1, 0, 0, 0],
}


def golden_output():
    return add_features(GOLDEN_INPUT.copy())


def test_adds_four_columns_after_the_input_columns():
    out = golden_output()
    width = GOLDEN_INPUT.shape[1]
    assert out.columns[:width].tolist() == GOLDEN_INPUT.columns.tolist()
    assert sorted(out.columns[width:]) == sorted(GOLDEN_EXPECTED)


def test_does_not_modify_its_input():
    frame = GOLDEN_INPUT.copy()
    add_features(frame)
    assert frame.equals(GOLDEN_INPUT)
    assert frame.columns.tolist() == GOLDEN_INPUT.columns.tolist()


def test_keeps_input_columns_and_index():
    out = golden_output()
    assert out.index.equals(GOLDEN_INPUT.index)
    assert out[GOLDEN_INPUT.columns].equals(GOLDEN_INPUT)


def test_handles_an_empty_frame():
    out = add_features(GOLDEN_INPUT.head(0))
    assert out.shape[0] == 0
    assert set(GOLDEN_EXPECTED) <= set(out.columns)


def test_debt_to_income():
    np.testing.assert_allclose(golden_output()["debt_to_income"].to_numpy(dtype=float),
                               GOLDEN_EXPECTED["debt_to_income"], rtol=1e-9)


def test_debt_to_income_is_missing_without_income():
    missing = golden_output()["debt_to_income"].isna().tolist()
    assert missing == [math.isnan(v) for v in GOLDEN_EXPECTED["debt_to_income"]]


def test_log_amount():
    np.testing.assert_allclose(golden_output()["log_amount"].to_numpy(dtype=float),
                               GOLDEN_EXPECTED["log_amount"], rtol=1e-9, atol=0)


def test_log_amount_keeps_missing_missing():
    missing = golden_output()["log_amount"].isna().tolist()
    assert missing == [math.isnan(v) for v in GOLDEN_EXPECTED["log_amount"]]


def test_age_band():
    assert golden_output()["age_band"].tolist() == GOLDEN_EXPECTED["age_band"]


def test_income_missing():
    assert golden_output()["income_missing"].tolist() == GOLDEN_EXPECTED["income_missing"]


def test_invariants_on_random_frames():
    """Metamorphic: every row's features depend on that row only, whatever the row order."""
    rng = np.random.default_rng(11)
    expected = golden_output()
    for _ in range(5):
        shuffled = GOLDEN_INPUT.iloc[rng.permutation(len(GOLDEN_INPUT))]
        out = add_features(shuffled).loc[GOLDEN_INPUT.index]
        for column in ("debt_to_income", "log_amount", "income_missing"):
            np.testing.assert_allclose(out[column].to_numpy(dtype=float),
                                       expected[column].to_numpy(dtype=float), rtol=1e-12)
        assert out["age_band"].tolist() == expected["age_band"].tolist()
