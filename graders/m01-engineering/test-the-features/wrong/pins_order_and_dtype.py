"""The column test pins what the docstring leaves open: the exact order of the
new columns and the dtype of age_band.

Both hold for the given function, so the test looks fine, but a correct rewrite
that appends the columns in another order or returns a categorical fails it.

fails: accepts-correct
"""

# add_features and the model solution's helpers (one_row, feature, NEW_COLUMNS) are
# defined by the notebook this file is appended to.
# ruff: noqa: F821

def test_adds_four_columns_after_the_input_columns():
    out = add_features(one_row())
    assert list(out.columns) == ["debt", "income", "amount", "age", "debt_to_income",
                                 "log_amount", "age_band", "income_missing"]
    assert out["age_band"].dtype == "str"
