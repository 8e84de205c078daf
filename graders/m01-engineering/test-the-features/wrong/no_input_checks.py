"""Values tested, the frame-level contract not: no check that the input is left
alone, that the input columns come back unchanged, or that a non-default index
keeps each row's values in place.

fails: kills-contract
"""

# add_features and the model solution's helpers (one_row, feature, NEW_COLUMNS) are
# defined by the notebook this file is appended to.
# ruff: noqa: F821

import numpy as np
import pandas as pd


def test_does_not_modify_its_input():
    out = add_features(one_row(amount=-40.0))
    assert len(out) == 1


def test_keeps_input_columns_and_index():
    frame = pd.DataFrame({"debt": [100.0, 300.0], "income": [1000.0, np.nan],
                          "amount": [40.0, 0.0], "age": [70, 19]})
    out = add_features(frame)
    assert out.index.tolist() == [0, 1]
    assert out["income_missing"].tolist() == [0, 1]
