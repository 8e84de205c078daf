"""Bin edges tested at the first edge only.

The 24/25 pair catches an off-by-one there, but the same mistake at 40 or at 65
passes every test.

fails: kills-age
"""

# add_features and the model solution's helpers (one_row, feature, NEW_COLUMNS) are
# defined by the notebook this file is appended to.
# ruff: noqa: F821

import pytest


@pytest.mark.parametrize("age, band", [(24, "under 25"), (25, "25-39"), (30, "25-39"),
                                       (50, "40-64"), (80, "65+")])
def test_age_band(age, band):
    assert feature("age_band", age=age) == band
