"""A suite that only checks that the new columns exist, never what they contain.

Every test passes on every version, mutants included: 100% line coverage of
add_features, and not a single bug caught. Coverage says which lines ran, not
whether anything checked their result.

fails: demo-mutants, kills-ratio, kills-amount, kills-age, kills-flag, kills-contract
"""

# add_features and the model solution's helpers (one_row, feature, NEW_COLUMNS) are
# defined by the notebook this file is appended to.
# ruff: noqa: F821

def _has_new_columns(frame):
    out = add_features(frame)
    assert set(out.columns) >= NEW_COLUMNS


def test_adds_four_columns_after_the_input_columns():
    _has_new_columns(one_row())


def test_does_not_modify_its_input():
    _has_new_columns(one_row(income=0.0, amount=-40.0))


def test_keeps_input_columns_and_index():
    _has_new_columns(one_row(income=float("nan")))


def test_handles_an_empty_frame():
    _has_new_columns(one_row().iloc[:0])


def test_debt_to_income():
    _has_new_columns(one_row(debt=300.0, income=1000.0))


def test_debt_to_income_is_missing_without_income():
    _has_new_columns(one_row(income=0.0))


def test_log_amount():
    _has_new_columns(one_row(amount=-250.0))


def test_log_amount_keeps_missing_missing():
    _has_new_columns(one_row(amount=float("nan")))


def test_age_band():
    for age in (24, 25, 39, 40, 64, 65):
        _has_new_columns(one_row(age=age))


def test_income_missing():
    _has_new_columns(one_row(income=float("nan")))


def test_invariants_on_random_frames():
    out = add_features(one_row())
    assert len(out) == 1
