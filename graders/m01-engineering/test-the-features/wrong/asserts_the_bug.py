"""A test written from a wrong belief about the function: "no income means the
highest risk, so the ratio is the cap". The docstring says it is missing (NaN).

The test fails on the given function, so it protects nothing; a mutant that
really returned the cap would pass it.

fails: given-passes, accepts-correct
"""

# add_features and the model solution's helpers (one_row, feature, NEW_COLUMNS) are
# defined by the notebook this file is appended to.
# ruff: noqa: F821

import numpy as np
import pytest


@pytest.mark.parametrize("income, expected", [(0.0, 10.0), (np.nan, 10.0)])
def test_debt_to_income_is_missing_without_income(income, expected):
    assert feature("debt_to_income", debt=250.0, income=income) == pytest.approx(expected)
