"""Runner features exercises rely on: method chains on a probe's result, running the
learner's tests against other implementations, text columns crossing the boundary."""

from __future__ import annotations

import numpy as np
import pandas as pd

from academy.grading.sandbox import Limits, LocalSandbox
from academy.runtime import codec

CELLS = ['''
import pytest
import pandas as pd
from sklearn.preprocessing import StandardScaler

def make_scaler():
    return StandardScaler()

def double(x):
    return 2 * x

def test_double_of_two():
    assert double(2) == 4

@pytest.mark.parametrize("x, expected", [(0, 0), (3, 6), pytest.param(-1, -2)])
def test_double_cases(x, expected):
    assert double(x) == expected

def tidy(frame):
    return frame.assign(city=frame["city"].str.strip().str.title())
''']


def probe(id_: str, function: str, *args, then=(), **kwargs) -> dict:
    out = {"id": id_, "function": function, "args": codec.encode(list(args)),
           "kwargs": codec.encode(kwargs)}
    if then:
        out["then"] = [{"method": m, "args": codec.encode(list(a)), "kwargs": {}}
                       for m, a in then]
    return out


def answers(probes: list[dict]) -> dict:
    plan = {"probes": probes, "cell_timeout": 20, "probe_timeout": 10}
    run = LocalSandbox().run(CELLS, plan, {}, Limits())
    return {e["id"]: (codec.decode(e["answer"]) if "answer" in e else e["error"])
            for e in run.events if e.get("event") == "probe"}


def test_chains_text_columns_and_tests_against_variants():
    X = np.arange(12, dtype=float).reshape(6, 2)
    frame = pd.DataFrame({"city": ["  paris", "LYON ", None], "n": [1, 2, 3]})
    got = answers([
        probe("chain", "make_scaler", then=[("fit", (X,)), ("transform", (X[:2],))]),
        probe("missing-method", "make_scaler", then=[("no_such_method", ())]),
        probe("text", "tidy", frame),
        probe("correct", "academy:run_tests", target="double",
              source="def double(x):\n    return x + x\n"),
        probe("mutant", "academy:run_tests", target="double",
              source="def double(x):\n    return x + 2\n"),
        probe("after", "double", 5),
    ])
    expected = (X[:2] - X.mean(axis=0)) / X.std(axis=0)
    assert np.allclose(got["chain"], expected)
    assert got["missing-method"].startswith("AttributeError")
    assert got["text"]["city"].tolist() == ["Paris", "Lyon", None]
    assert got["text"]["n"].tolist() == [1, 2, 3]
    assert got["correct"] == {"test_double_cases[0]": "passed", "test_double_cases[1]": "passed",
                              "test_double_cases[2]": "passed", "test_double_of_two": "passed"}
    mutant = got["mutant"]
    assert mutant["test_double_of_two"] == "passed"  # 2 + 2 == 4: this test misses the mutant
    assert mutant["test_double_cases[0]"].startswith("failed: AssertionError")
    assert got["after"] == 10  # the learner's own function is back in place


def test_inputs_after_the_call_sqlite_tables_and_signatures():
    cells = ['''
import sqlite3
import pandas as pd

def careless(frame: pd.DataFrame, factor: float = 2.0) -> pd.DataFrame:
    """Scales n in place."""
    frame["n"] = frame["n"] * factor
    return frame

def count_rows(path, table):
    with sqlite3.connect(path) as connection:
        return connection.execute(f"select count(*), sum(n) from {table}").fetchone()[0:2]
''']
    frame = pd.DataFrame({"n": [1.0, 2.0], "city": ["a", "b"]})
    plan = {"probes": [
        probe("inputs", "academy:call_and_inputs", "careless", frame),
        probe("sqlite", "academy:call_with_sqlite", "count_rows", {"t": frame}, "t"),
        probe("sig", "academy:signature", "careless"),
        probe("nope", "academy:signature", "missing"),
    ], "cell_timeout": 20, "probe_timeout": 10}
    run = LocalSandbox().run(cells, plan, {}, Limits())
    got = {e["id"]: (codec.decode(e["answer"]) if "answer" in e else e["error"])
           for e in run.events if e.get("event") == "probe"}
    assert got["inputs"]["args"][0]["n"].tolist() == [2.0, 4.0]  # changed in place: visible
    assert got["sqlite"] == [2, 3.0]
    assert got["sig"]["parameters"][0] == {"name": "frame", "kind": "POSITIONAL_OR_KEYWORD",
                                           "annotation": "pandas.DataFrame", "has_default": False}
    assert got["sig"]["returns"] == "pandas.DataFrame" and got["sig"]["doc"] == "Scales n in place."
    assert got["nope"].startswith("NameError")
