"""Batch grading: records, feedback pages, nbgrader gradebook, CSV, resuming."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from academy.grading import gradebook
from academy.grading.batch import BatchError, discover, grade_batch
from academy.grading.results import validate_record
from academy.grading.verify import with_extra_cells

from ..conftest import METRICS

pytestmark = pytest.mark.slow


@pytest.fixture
def cohort(catalog, tmp_path) -> Path:
    source = catalog.exercise(METRICS).source
    folder = tmp_path / "cohort"
    folder.mkdir()
    shutil.copy(source, folder / "ada.ipynb")
    with_extra_cells(source, "def f1(y_true, y_pred):\n    return 0.5", dest=folder / "ben.ipynb")
    (folder / "cy.ipynb").write_text("{ not json")
    return folder


def test_batch_writes_every_output(catalog, cohort, tmp_path):
    out = tmp_path / "out"
    report = grade_batch(catalog, cohort, out, seed=7)
    scores = {r.submission_id: (r.score, r.status) for r in report.results}
    assert scores == {"ada": (12, "graded"), "ben": (11, "graded"), "cy": (0, "invalid")}
    for sid in scores:
        validate_record(json.loads((out / "results" / f"{sid}.json").read_text()))
        assert (out / "feedback" / f"{sid}.html").is_file()
    rows = list(csv.DictReader((out / "summary.csv").open()))
    assert [(r["submission_id"], r["score"], r["failed_checks"]) for r in rows] == [
        ("ada", "12", ""), ("ben", "11", "f1-random"), ("cy", "0", "")]
    assert gradebook.scores(out / "gradebook.db") == {
        ("metrics-from-scratch", "ada"): 12.0, ("metrics-from-scratch", "ben"): 11.0}


def test_nbgrader_export_reads_the_gradebook(catalog, cohort, tmp_path):
    out = tmp_path / "out"
    grade_batch(catalog, cohort, out, seed=7)
    bin_dir = Path(sys.executable).parent
    proc = subprocess.run([str(bin_dir / "nbgrader"), "export", "--to", "grades.csv"], cwd=out,
                          capture_output=True, text=True, check=False,
                          env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    rows = {r["student_id"]: r for r in csv.DictReader((out / "grades.csv").open())}
    assert rows["ada"]["score"] == "12.0" and rows["ben"]["score"] == "11.0"
    assert rows["ben"]["max_score"] == "12.0"


def test_feedback_page_shows_messages_and_hints_not_inputs(catalog, cohort, tmp_path):
    out = tmp_path / "out"
    report = grade_batch(catalog, cohort, out, seed=7)
    ben = next(r for r in report.results if r.submission_id == "ben")
    page = (out / "feedback" / "ben.html").read_text()
    f1 = next(c for c in ben.checks if c.id == "f1-random")
    assert f1.message.split(" (")[0] in page
    assert "harmonic mean" in page  # the check's hints
    assert "11 / 12" in page
    assert "__ndarray__" not in page and "[0." not in page


def test_rerun_reuses_finished_results_and_regrades_changed_files(catalog, cohort, tmp_path):
    out = tmp_path / "out"
    grade_batch(catalog, cohort, out, seed=7)
    first = {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()}
    shutil.copy(catalog.exercise(METRICS).source, cohort / "ben.ipynb")
    report = grade_batch(catalog, cohort, out)  # the stored seed is reused
    assert report.seed == 7
    assert report.skipped == 2  # ada and cy; ben changed
    after = {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()}
    assert after["ada.json"] == first["ada.json"] and after["ben.json"] != first["ben.json"]
    assert gradebook.scores(out / "gradebook.db")[("metrics-from-scratch", "ben")] == 12.0


def test_a_batch_refuses_a_different_seed(catalog, cohort, tmp_path):
    grade_batch(catalog, cohort, tmp_path / "out", seed=7)
    with pytest.raises(BatchError, match="seed 7"):
        grade_batch(catalog, cohort, tmp_path / "out", seed=8)


def test_discover_gives_unique_ids(tmp_path):
    for student in ("ann", "bo"):
        folder = tmp_path / student / "metrics-from-scratch"
        folder.mkdir(parents=True)
        (folder / "metrics-from-scratch.ipynb").write_text("{}")
    (tmp_path / "ann" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "ann" / ".ipynb_checkpoints" / "x.ipynb").write_text("{}")
    ids = [s.id for s in discover(tmp_path)]
    assert ids == ["ann--metrics-from-scratch--metrics-from-scratch",
                   "bo--metrics-from-scratch--metrics-from-scratch"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(BatchError, match="no notebooks"):
        discover(tmp_path / "empty")


def test_a_broken_submission_never_stops_the_batch(catalog, cohort, tmp_path):
    (cohort / "dee.ipynb").write_bytes(b"\x00\xff\xfe binary junk")
    (cohort / "eve.ipynb").write_text(json.dumps({"nbformat": 4, "cells": "nope"}))
    report = grade_batch(catalog, cohort, tmp_path / "out", seed=3, exercise=METRICS)
    by_id = {r.submission_id: r for r in report.results}
    assert by_id["ada"].score == 12
    assert by_id["dee"].status == "invalid" and "not valid JSON" in by_id["dee"].reason
    assert by_id["eve"].status == "invalid" and "not a notebook" in by_id["eve"].reason
    assert by_id["eve"].max_score == 12  # --exercise tells the grader what was attempted
