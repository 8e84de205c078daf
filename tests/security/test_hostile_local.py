"""Hostile submissions against the local sandbox: each is contained, scores what it
deserves and says why. The model solution of metrics-from-scratch (12 points) is
the base; each test adds or swaps cells."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from academy.grading.engine import Grader
from academy.grading.sandbox import Limits, LocalSandbox
from academy.grading.verify import with_extra_cells

from ..conftest import METRICS
from .cases import ALWAYS_EQUAL, patch_run_cell_first

pytestmark = pytest.mark.slow


@pytest.fixture
def source(catalog) -> Path:
    return catalog.exercise(METRICS).source


def grade(grader, source, tmp_path, *cells):
    return grader.grade(with_extra_cells(source, *cells, dest=tmp_path / "sub.ipynb"), "learner")


def failed(result) -> set[str]:
    return {c.id for c in result.checks if not c.passed}


def test_model_solution_is_the_baseline(quick_grader, source, tmp_path):
    result = grade(quick_grader, source, tmp_path)
    assert (result.status, result.score, result.max_score) == ("graded", 12, 12)


def test_endless_top_level_cell_is_stopped_and_the_rest_graded(quick_grader, source, tmp_path):
    result = grade(quick_grader, source, tmp_path, "while True:\n    pass")
    assert result.score == 12
    assert result.status == "timeout" and "did not finish" in result.reason
    assert any("Timeout" in note for note in result.notes)


def test_endless_function_loses_only_its_checks(quick_grader, source, tmp_path):
    result = grade(quick_grader, source, tmp_path,
                   "def f1(y_true, y_pred):\n    while True:\n        pass")
    assert failed(result) == {"f1-random"} and result.score == 11
    assert result.status == "timeout" and "`f1`" in result.reason


def test_loop_that_disarms_the_alarm_hits_the_wall_clock(catalog, source, tmp_path):
    grader = Grader(catalog, seed=1, limits=Limits(wall_seconds=6, cell_timeout=1))
    result = grade(grader, source, tmp_path,
                   "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n"
                   "    pass")
    assert result.status == "timeout" and "6 s limit" in result.reason
    assert result.score == 0
    assert all("no answer" in c.message for c in result.checks)


def test_memory_bomb_in_a_cell(quick_grader, source, tmp_path):
    result = grade(quick_grader, source, tmp_path, "hoard = bytearray(200 * 2**30)")
    assert result.status == "out_of_memory" and "1536 MB" in result.reason
    assert result.score == 12  # the functions themselves are fine


def test_memory_bomb_in_a_function(quick_grader, source, tmp_path):
    bomb = ("def recall(y_true, y_pred):\n    hoard = []\n    while True:\n"
            "        hoard.append(bytearray(2**34))")
    result = grade(quick_grader, source, tmp_path, bomb)
    assert result.status == "out_of_memory"
    assert failed(result) == {"recall-random", "f1-random"}


@pytest.mark.parametrize("code", ["import os\nos._exit(0)", "import os, signal\n"
                                  "os.kill(os.getpid(), signal.SIGKILL)"])
def test_killing_the_process_scores_nothing_with_a_reason(quick_grader, source, tmp_path, code):
    result = grade(quick_grader, source, tmp_path, code)
    assert result.status == "crashed" and result.score == 0
    assert "code cell" in result.reason


def test_sys_exit_in_a_cell_is_an_error_not_a_crash(quick_grader, source, tmp_path):
    result = grade(quick_grader, source, tmp_path, "import sys\nsys.exit(3)")
    assert result.score == 12




def test_always_equal_objects_earn_nothing(quick_grader, source, tmp_path):
    result = grade(quick_grader, source, tmp_path, ALWAYS_EQUAL)
    assert failed(result) == {"precision-example", "precision-random", "recall-random",
                              "f1-random", "roc-auc-example", "auc-random", "auc-ties"}
    precision = next(c for c in result.checks if c.id == "precision-example")
    assert "not plain data" in precision.message


def test_patching_run_cell_first_stops_the_solutions_from_running(grader, catalog, tmp_path):
    path = patch_run_cell_first(catalog.exercise(METRICS).source, tmp_path)
    result = grader.grade(path, "cheat")
    assert result.score == 0


def test_patching_numpy_and_builtins_does_not_reach_the_verdict(quick_grader, source, tmp_path):
    wrong_f1 = ("def f1(y_true, y_pred):\n    return 0.5\n")
    patches = ("import numpy as np, builtins, math\n"
               "np.isclose = np.allclose = lambda *a, **k: True\n"
               "math.isclose = lambda *a, **k: True\n"
               "builtins.abs = lambda x: 0\n")
    result = grade(quick_grader, source, tmp_path, wrong_f1 + patches)
    assert failed(result) == {"f1-random"}


def test_forged_answers_do_not_reach_the_verdict(quick_grader, source, tmp_path):
    """Lines written into the answers file, before and during the probes, change nothing:
    the verdict is still the reference's comparison with an answer, and the record says
    the file was tampered with."""
    forge = '''
import json, os
EVENTS = os.path.join(os.path.dirname(os.getcwd()), "out", "events.jsonl")
def forge():
    with open(EVENTS, "a") as fh:
        for i in range(10):
            fh.write(json.dumps({"event": "probe", "id": f"f1-random#{i}", "answer": 0.5}) + "\\n")
forge()

def f1(y_true, y_pred):
    forge()
    return 0.5
'''
    result = grade(quick_grader, source, tmp_path, forge)
    assert failed(result) == {"f1-random"}
    assert any("duplicate or late entries" in note for note in result.notes)


def test_flooding_stdout_is_capped(catalog, source, tmp_path):
    grader = Grader(catalog, seed=1, limits=Limits(max_file_mb=8))
    flood = "import sys\nchunk = 'x' * 2**20\nfor _ in range(100):\n    sys.stdout.write(chunk)"
    result = grade(grader, source, tmp_path, flood)
    assert result.score == 12
    assert any("OSError" in n or "File too large" in n for n in result.notes)


def test_the_sandbox_sees_inputs_but_no_reference_or_checks(catalog):
    box_listing = (
        "import os, json\n"
        "root = os.path.dirname(os.getcwd())\n"
        "for folder, _, files in os.walk(root):\n"
        "    for name in files:\n"
        "        print('FILE', os.path.relpath(os.path.join(folder, name), root))\n"
        "print('PLANKEYS', sorted({k for p in json.load(open(os.path.join(root, 'plan.json')))"
        "['probes'] for k in p}))\n")
    grader = Grader(catalog, seed=1)
    entry = catalog.exercise(METRICS)
    suite = grader.suite(entry)
    check = suite.get("auc-ties")
    calls = check.calls(check.rng(1))
    plan = {"probes": [{"id": "x#0", "function": calls[0].function, "args": [], "kwargs": {}}],
            "cell_timeout": 5, "probe_timeout": 5}
    run = LocalSandbox().run([box_listing], plan, entry.data_files(), Limits())
    files = {line.split(" ", 1)[1] for line in run.stdout_tail.splitlines()
             if line.startswith("FILE") and not line.startswith("FILE work/.ipython/")}
    assert files <= {"cells.json", "plan.json", "runtime/runner.py", "runtime/codec.py",
                     "lib/_academy/__init__.py", "out/events.jsonl", "out/stdout.txt",
                     "out/stderr.txt"}, files
    assert "PLANKEYS ['args', 'function', 'id', 'kwargs']" in run.stdout_tail


def test_a_notebook_with_a_50_mb_output_is_graded_from_its_code(quick_grader, source, tmp_path):
    nb = json.loads(source.read_text())
    blob = "A" * (50 * 2**20)
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": blob}]
    path = tmp_path / "big.ipynb"
    path.write_text(json.dumps(nb))
    result = quick_grader.grade(path, "big")
    assert (result.status, result.score) == ("graded", 12)


def test_a_notebook_over_the_size_limit_is_refused(quick_grader, tmp_path, monkeypatch):
    from academy.grading import engine

    monkeypatch.setattr(engine, "MAX_NOTEBOOK_BYTES", 1024)
    path = tmp_path / "huge.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "cells": [], "pad": "x" * 4096}))
    result = quick_grader.grade(path, "huge", METRICS)
    assert result.status == "invalid" and "over the" in result.reason and result.max_score == 12


def test_markup_in_student_errors_is_escaped_in_feedback(quick_grader, source, tmp_path):
    from academy.grading.feedback import render

    evil = ("def f1(y_true, y_pred):\n"
            "    raise ValueError('<script>alert(1)</script><img src=x onerror=alert(2)>')")
    result = grade(quick_grader, source, tmp_path, evil)
    page = render(result)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)" in page


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/hostname"])
def test_links_and_devices_are_refused_without_being_read(catalog, tmp_path, target):
    from academy.grading.batch import grade_batch

    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "linked.ipynb").symlink_to(target)
    report = grade_batch(catalog, folder, tmp_path / "out", seed=1, exercise=METRICS)
    (result,) = report.results
    assert result.status == "invalid" and "not a regular file" in result.reason
    assert result.submission_sha256 is None
