"""The plain-data codec: what may cross the sandbox boundary, and how it compares."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from academy.runtime import codec


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, "text", [1, 2.0, "a"], {"a": [1, {"b": None}]},
    np.arange(6, dtype=np.int64).reshape(2, 3), np.array([0.5, 1.5], dtype=np.float32),
    np.array([True, False]),
])
def test_round_trip(value):
    back = codec.decode(json.loads(codec.dumps(value)))
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape
        np.testing.assert_array_equal(back, value)
    else:
        assert back == value


def test_non_finite_floats_are_strict_json():
    text = codec.dumps([math.nan, math.inf, -math.inf, np.array([math.nan])])
    assert "NaN" not in text and "Infinity" not in text
    back = codec.decode(json.loads(text))
    assert math.isnan(back[0]) and back[1] == math.inf and back[2] == -math.inf
    assert math.isnan(back[3][0])


def test_numpy_scalars_become_python_numbers():
    assert codec.encode(np.float64(0.25)) == 0.25 and type(codec.encode(np.int32(3))) is int


def test_frames_round_trip():
    frame = pd.DataFrame({"n": np.array([1, 2]), "recall": np.array([0.5, 1.0])})
    back = codec.decode(codec.encode(frame))
    assert list(back.columns) == ["n", "recall"]
    assert codec.compare(back, frame) is None


class AlwaysEqual(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class Sneaky:
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("value", [
    AlwaysEqual(0.3), Sneaky(), [1, Sneaky()], {"k": AlwaysEqual(1.0)}, {1: 2},
    np.array([Sneaky()], dtype=object), np.array(["a"]), {"__ndarray__": 1}, object(),
])
def test_refuses_anything_but_plain_data(value):
    with pytest.raises(codec.NotPlainData):
        codec.encode(value)


@pytest.mark.parametrize("bad", [
    {"__ndarray__": {"dtype": "object", "shape": [1], "data": [1]}},
    {"__ndarray__": {"dtype": "float64", "shape": [3], "data": [1.0]}},
    {"__ndarray__": {"dtype": "float64", "shape": [1], "data": ["x"]}},
    {"__float__": "1e5"},
    {"__frame__": {"columns": ["a"], "data": []}},
    {"__evil__": 1},
])
def test_decode_rejects_malformed(bad):
    with pytest.raises(ValueError):
        codec.decode(bad)


def test_compare_reasons_never_show_the_expected_value():
    reason = codec.compare(0.123456, 0.987654)
    assert reason and "0.98" not in reason
    assert codec.compare(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12])) is None
    assert "1 of 2" in codec.compare(np.array([1.0, 3.0]), np.array([1.0, 2.0]))
    assert "shape" in codec.compare(np.array([1.0]), np.array([1.0, 2.0]))
    assert "missing keys" in codec.compare({"a": 1}, {"a": 1, "b": 2})
    assert codec.compare(True, 1) is not None  # a bool is not the number 1
    assert codec.compare(math.nan, math.nan) is None
