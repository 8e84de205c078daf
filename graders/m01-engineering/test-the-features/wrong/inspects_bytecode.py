"""Tests how the function is written instead of what it does: the age bands are
"tested" by looking for the searchsorted call and its side="right" argument in
the function's bytecode.

A rewrite with if/elif or pd.cut fails it, and an off-by-one edge in AGE_EDGES
passes it.

fails: accepts-correct, kills-age
"""

# add_features and the model solution's helpers (one_row, feature, NEW_COLUMNS) are
# defined by the notebook this file is appended to.
# ruff: noqa: F821

def test_age_band():
    code = add_features.__code__
    assert "searchsorted" in code.co_names
    assert "right" in code.co_consts
