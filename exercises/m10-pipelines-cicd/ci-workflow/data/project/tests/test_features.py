import pandas as pd
import pytest

from delivery.features import add_features


def orders(**columns):
    n = len(next(iter(columns.values())))
    base = {"order_value": [30.0] * n, "distance_km": [3.0] * n, "hour": [12] * n,
            "city": ["Berlin"] * n}
    base.update(columns)
    return pd.DataFrame(base)


def test_rush_hour_includes_both_ends():
    out = add_features(orders(hour=[17, 18, 19, 20, 21]))
    assert out["is_rush_hour"].tolist() == [0, 1, 1, 1, 0]


def test_long_distance_is_strictly_above_the_threshold():
    out = add_features(orders(distance_km=[7.99, 8.0, 8.01]))
    assert out["is_long_distance"].tolist() == [0, 0, 1]


@pytest.mark.parametrize("distance, expected", [(0.0, 60.0), (0.2, 60.0), (0.5, 60.0),
                                                (2.0, 15.0)])
def test_value_per_km_floors_short_distances(distance, expected):
    out = add_features(orders(order_value=[30.0], distance_km=[distance]))
    assert out["value_per_km"].iloc[0] == pytest.approx(expected)


def test_input_is_left_unchanged():
    before = orders(hour=[19, 9])
    snapshot = before.copy()
    add_features(before)
    pd.testing.assert_frame_equal(before, snapshot)


def test_keeps_every_row_and_column():
    before = orders(hour=[19, 9, 20])
    out = add_features(before)
    assert len(out) == len(before)
    assert list(out.columns[: before.shape[1]]) == list(before.columns)
