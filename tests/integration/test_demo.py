"""The main job end to end: every sample submission gets the score it deserves."""

from __future__ import annotations

import csv
import shutil

import pytest
from click.testing import CliRunner

from academy.cli import main

from ..conftest import ROOT

pytestmark = pytest.mark.slow


def test_demo_grades_the_cohort_as_deserved(tmp_path):
    (tmp_path / "vendor").mkdir()
    for cached in (ROOT / "build" / "vendor").glob("mermaid-*.js"):
        shutil.copy(cached, tmp_path / "vendor" / cached.name)
    result = CliRunner().invoke(main, ["demo", "--no-serve", "--build", str(tmp_path),
                                       "--root", str(ROOT)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "5/5 every submission got the score it deserves" in result.output
    rows = {r["submission_id"]: r for r in csv.DictReader(
        (tmp_path / "demo" / "grades" / "summary.csv").open())}
    assert len(rows) >= 12
    assert rows["ada"]["score"] == "12" and rows["ben"]["score"] == "0"
    assert rows["hal"]["failed_checks"] == "roc-auc-example;auc-random;auc-ties"
    assert rows["ivy"]["score"] == "0"
    assert rows["gus"]["status"] == "crashed" and rows["jon"]["status"] == "invalid"
    assert (tmp_path / "site" / "index.html").is_file()
    reports = tmp_path / "demo" / "assessment" / "assessment" / "reports"
    assert {p.name for p in reports.glob("*.pdf")} == {"mira.pdf", "noel.pdf", "olga.pdf",
                                                       "pete.pdf"}
    assert (reports / "comparison.html").is_file()
    assert "flagged as similar: olga, pete" in result.output
    assert f"cohort dashboard: academy dashboard {tmp_path / 'demo' / 'grades'}" in result.output
