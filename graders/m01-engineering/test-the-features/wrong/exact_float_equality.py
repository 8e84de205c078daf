"""Floats compared with == instead of pytest.approx.

700 / 2000 is exactly the float nearest to 0.35, so the test passes on the given
function; a rewrite that computes 700 * (1 / 2000) is off in the last digit and
fails it. The behaviour is the same; the test is wrong. (The other ratio tests
still catch the ratio mutants, so only the correct rewrite is rejected.)

fails: accepts-correct
"""

# add_features and the model solution's helpers (one_row, feature, NEW_COLUMNS) are
# defined by the notebook this file is appended to.
# ruff: noqa: F821

import pytest


@pytest.mark.parametrize("debt, income, expected", [
    (700.0, 2000.0, 0.35),
    (3.0, 10.0, 0.3),
    (0.0, 500.0, 0.0),
    (9000.0, 300.0, 10.0),
])
def test_debt_to_income(debt, income, expected):
    assert feature("debt_to_income", debt=debt, income=income) == expected
