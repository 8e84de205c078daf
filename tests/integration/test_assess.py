"""An assessment issued to five synthetic candidates, graded in the Docker sandbox.

strong   the model solutions of both exercises
weak     hands back the notebooks as issued
copy-a   an alternative correct solution of the metrics exercise, written their own way
copy-b   copy-a's code with every name renamed, comments changed and layout moved
tamper   a scikit-learn solution, but edits a locked cell and hands in after the deadline
broken   hands back a file that is not a zip: a result with a reason, not a crashed batch
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from click.testing import CliRunner

from academy.assess.bundle import AssessError, Assessment
from academy.assess.sample import answer, by_function, renamed, solution_cells
from academy.cli import main

from ..conftest import ROOT

pytestmark = [pytest.mark.slow]
METRICS = "m04-evaluation/metrics-from-scratch"
COST = "m04-evaluation/cost-threshold"
ALTERNATIVE = ROOT / "graders" / METRICS / "alternatives" / "loops_and_pairs.py"
SKLEARN = ROOT / "graders" / METRICS / "alternatives" / "scikit_learn.py"
@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    work = tmp_path_factory.mktemp("assess")
    spec = work / "spec.yaml"
    spec.write_text(yaml.safe_dump({
        "schema_version": 1, "id": "mle-junior-test", "title": "ML engineer take-home",
        "role": "ML engineer", "level": 1, "time_limit_minutes": 120,
        "exercises": [{"key": METRICS, "weight": 1}], "skills": ["evaluation.thresholds"],
        "similarity_threshold": 0.5}))
    people = work / "candidates.csv"
    people.write_text("id,name\nstrong,Sam Strong\nweak,Wes Weak\ncopy-a,Ana Copy\n"
                      "copy-b,Bo Copy\ntamper,Tia <b>Tamper</b>\nbroken,Bea Broken\n")
    folder = work / "assessment"
    runner = CliRunner()
    result = runner.invoke(main, ["assess", "create", str(spec), "--out", str(folder),
                                  "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["assess", "issue", str(folder), "--candidates", str(people),
                                  "--start", "2026-12-01T09:00:00Z", "--root", str(ROOT)])
    assert result.exit_code == 0 and "issued 6" in result.output, result.output

    subs = work / "submissions"
    subs.mkdir()
    issued = folder / "issued"
    for cid in ("strong", "weak", "copy-a", "copy-b", "tamper"):
        shutil.copytree(issued / cid, subs / cid)
    (subs / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    metrics_nb = f"{METRICS}/{METRICS.split('/')[1]}.ipynb"
    cost_nb = f"{COST}/{COST.split('/')[1]}.ipynb"
    model_metrics = solution_cells(ROOT / "exercises" / METRICS / "source.ipynb")
    model_cost = solution_cells(ROOT / "exercises" / COST / "source.ipynb")
    alternative = ALTERNATIVE.read_text()
    answer(subs / "strong" / metrics_nb, model_metrics)
    answer(subs / "strong" / cost_nb, model_cost)
    answer(subs / "copy-a" / metrics_nb, by_function(model_metrics, alternative))
    answer(subs / "copy-b" / metrics_nb, by_function(model_metrics, renamed(alternative)))
    answer(subs / "tamper" / metrics_nb, by_function(model_metrics, SKLEARN.read_text()),
           locked_edit="imports")
    (subs / "received.csv").write_text(
        "id,received_at\nstrong,2026-12-01T10:30:00Z\nweak,2026-12-01T09:20:00Z\n"
        "copy-a,2026-12-01T10:00:00Z\ncopy-b,2026-12-01T10:05:00Z\n"
        "tamper,2026-12-01T11:45:00Z\nbroken,2026-12-01T10:10:00Z\n")
    result = runner.invoke(main, ["assess", "grade", str(folder), "--submissions", str(subs),
                                  "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    reports = {r["candidate"]: r for r in json.loads((folder / "candidates.json").read_text())}
    return folder, reports, result.output


def skill(report, skill_id):
    return next(s for s in report["skills"] if s["skill"] == skill_id)


def test_the_spec_resolves_skills_to_exercises(graded):
    folder, _, _ = graded
    data = json.loads((folder / "assessment.json").read_text())
    assert [e["key"] for e in data["exercises"]] == [METRICS, COST]
    assert {s["id"] for s in data["skills"]} == {"evaluation.metrics", "evaluation.thresholds"}


def test_each_candidate_gets_a_variant_and_a_signed_manifest(graded):
    folder, reports, _ = graded
    assessment = Assessment.open(folder)
    seeds = {cid: assessment.manifest(cid)["seed"] for cid in reports}
    assert len(set(seeds.values())) == 6
    for cid, rep in reports.items():
        for outcome in rep["exercises"]:
            if outcome["record"]:
                assert outcome["record"]["seed"] == seeds[cid]
                assert outcome["record"]["sandbox"]["kind"] == "docker"
    path = assessment.manifest_path("weak")
    original = path.read_text()
    try:
        path.write_text(original.replace('"deadline": "2026-12-01T11:00:00Z"',
                                         '"deadline": "2026-12-09T11:00:00Z"'))
        with pytest.raises(AssessError, match="altered"):
            assessment.manifest("weak")
    finally:
        path.write_text(original)


def test_scores_and_skills(graded):
    _, reports, _ = graded
    strong, weak = reports["strong"], reports["weak"]
    assert strong["total"] == strong["max_total"] == 24
    assert skill(strong, "evaluation.metrics")["score"] == skill(strong, "evaluation.metrics")[
        "max_score"]
    assert skill(strong, "evaluation.thresholds")["score"] == 12
    assert weak["total"] == 0 and skill(weak, "evaluation.metrics")["score"] == 0
    for cid in ("copy-a", "copy-b"):
        ex = {o["exercise"]: o for o in reports[cid]["exercises"]}
        assert ex[METRICS]["score"] == ex[METRICS]["max_score"] == 12, cid
        assert ex[COST]["score"] == 0
    assert reports["tamper"]["exercises"][0]["score"] == 12


def test_the_copying_pair_is_flagged_and_nobody_else(graded):
    _, reports, _ = graded
    a, b = reports["copy-a"]["similarity"], reports["copy-b"]["similarity"]
    assert [f["other"] for f in a] == ["copy-b"] and [f["other"] for f in b] == ["copy-a"]
    assert a[0]["exercise"] == METRICS and a[0]["score"] >= 0.5
    shown = " ".join(m["mine"] + m["theirs"] for m in a[0]["matches"])
    assert "score_sum" in shown and "wins" in shown  # the renamed code, side by side
    for cid in ("strong", "weak", "tamper"):
        assert reports[cid]["similarity"] == [], cid


def test_tampering_and_lateness_are_reported(graded):
    _, reports, _ = graded
    kinds = {(f["kind"], f["file"]) for f in reports["tamper"]["integrity"]}
    assert ("locked-cell-changed", f"{METRICS}/{METRICS.split('/')[1]}.ipynb") in kinds
    assert any(k == "late" for k, _ in kinds)
    assert reports["strong"]["integrity"] == []
    assert reports["weak"]["integrity"] == []
    broken = reports["broken"]
    assert [f["kind"] for f in broken["integrity"]] == ["unreadable-submission"]
    assert broken["total"] == 0
    assert {o["status"] for o in broken["exercises"]} == {"not_submitted"}


def test_reports_are_written(graded):
    folder, reports, output = graded
    for cid in reports:
        html = (folder / "reports" / f"{cid}.html").read_text()
        assert reports[cid]["name"].split("<")[0].strip() in html
        assert (folder / "reports" / f"{cid}.pdf").read_bytes()[:4] == b"%PDF"
    assert "<b>Tamper</b>" not in (folder / "reports" / "tamper.html").read_text()
    assert (folder / "reports" / "comparison.html").is_file()
    assert "similar to copy-b" in output


def test_bad_input_is_one_sentence(tmp_path):
    runner = CliRunner()
    bad = tmp_path / "spec.yaml"
    bad.write_text("id: x\n")
    for args in (["assess", "create", str(bad), "--out", str(tmp_path / "a")],
                 ["assess", "issue", str(tmp_path / "none"), "--candidates", str(bad)],
                 ["assess", "grade", str(tmp_path / "none"), "--submissions", str(tmp_path)]):
        result = runner.invoke(main, [*args, "--root", str(ROOT)])
        assert result.exit_code == 2 and result.output.startswith("academy: "), result.output
        assert "Traceback" not in result.output


@pytest.mark.browser
def test_reports_in_a_browser_match_the_records(graded):
    from playwright.sync_api import sync_playwright

    folder, reports, _ = graded
    artifacts = ROOT / "build" / "test-artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1400})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            for cid in ("strong", "copy-b", "tamper"):
                rep = reports[cid]
                page.goto((folder / "reports" / f"{cid}.html").as_uri())
                text = page.inner_text("body")
                assert f"{100 * rep['total'] / rep['max_total']:.1f}%" in text, cid
                assert f"{rep['total']:g} / {rep['max_total']:g} points" in text, cid
                for s in rep["skills"]:
                    assert s["title"] in text
                for f in rep["integrity"]:
                    assert f["detail"] in text
                for f in rep["similarity"]:
                    assert f["other"] in text
                assert page.locator("img").count() >= 1  # the skills plot, embedded
                page.screenshot(path=str(artifacts / f"assess-report-{cid}.png"), full_page=True)
            page.goto((folder / "reports" / "comparison.html").as_uri())
            order = [reports[c]["name"] for c in ("strong", "copy-a", "copy-b", "tamper", "weak")]
            text = page.inner_text("body")
            positions = [text.index(name) for name in order]
            assert positions == sorted(positions)  # best total first
            page.screenshot(path=str(artifacts / "assess-comparison.png"), full_page=True)
            assert all(u.startswith(("file:", "data:")) for u in requests), requests
        finally:
            browser.close()


def test_candidates_json_round_trips_and_compares(graded):
    from dataclasses import asdict

    from academy.assess.model import report_from_dict
    from academy.dashboard.candidates import comparison_frame, load_candidates

    folder, reports, _ = graded
    loaded = load_candidates(folder)
    assert json.loads(json.dumps([asdict(r) for r in loaded])) == json.loads(
        (folder / "candidates.json").read_text())
    assert report_from_dict(asdict(loaded[0])) == loaded[0]
    frame = comparison_frame(loaded)
    assert list(frame["candidate"])[:1] == ["strong"] and list(frame["candidate"])[-2:] == [
        "broken", "weak"]
    row = frame.set_index("candidate").loc["copy-b"]
    assert row["total"] == "50.0%" and row["similar to"] == "copy-a"
    assert frame.set_index("candidate").loc["tamper", "integrity findings"] == 2


@pytest.mark.browser
def test_the_dashboard_compares_the_candidates(graded):
    from playwright.sync_api import expect, sync_playwright

    from academy.dashboard.serve import serve, stop, wait_until_ready
    from academy.hub.launch import free_port

    folder, reports, _ = graded
    proc = serve([], free_port(), root=ROOT, assessments=[folder])
    try:
        wait_until_ready(proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(proc.url)
                table = page.locator("table.academy-candidates-table")
                expect(table).to_be_visible(timeout=120_000)
                rows = table.locator("tbody tr")
                assert rows.count() == len(reports)
                first = rows.nth(0).inner_text()
                assert "Sam Strong" in first and "100.0%" in first
                copier = table.locator("tbody tr", has_text="Bo Copy").inner_text()
                assert "50.0%" in copier and "copy-a" in copier
                assert "Tia <b>Tamper</b>" in table.inner_text()  # shown as text, escaped
                assert page.locator(".academy-error").count() == 0
                page.screenshot(path=str(ROOT / "build" / "test-artifacts" /
                                         "dashboard-candidates.png"), full_page=True)
            finally:
                browser.close()
    finally:
        stop(proc)
