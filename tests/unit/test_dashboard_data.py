"""The cohort dashboard's data: records and manifests in, matrix, checks, skills, times out.

Two results folders are written by hand through the GradingResult model, on a
small content root of their own (two modules, three exercises, three skills):

``plain/``   graded from loose notebooks: learners are told by their ids
``hub/``     graded from ``collected/`` (``academy hub collect``), with its manifest
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

from academy.dashboard import data
from academy.dashboard.data import DashboardError
from academy.grading.results import (
    CheckOutcome,
    GradingResult,
    Resources,
    SandboxInfo,
    Timings,
    validate_record,
)

CLEAN, METRICS, THRESH = "m01-data/clean-table", "m02-eval/metrics", "m02-eval/thresholds"

# (id, title, hidden, points, max_points)
C1 = ("c1", "Duplicates are dropped", False, 4.0)
C2 = ("c2", "Missing ages get the median", False, 6.0)
M1 = ("m1", "Precision with no positive predictions", True, 3.0)
M2 = ("m2", "Recall on random labels", False, 9.0)
T1 = ("t1", "Threshold minimises the cost", False, 4.0)
T2 = ("t2", "Threshold handles ties", True, 6.0)


def write_root(root: Path) -> Path:
    """A content root the catalog loader accepts: taxonomy and two modules."""
    (root / "catalog").mkdir(parents=True)
    (root / "catalog" / "skills.yaml").write_text(yaml.safe_dump({
        "schema_version": 1,
        "areas": {
            "evaluation": {"title": "Model evaluation", "skills": {
                "metrics": {"title": "Classification metrics",
                            "description": "Computes confusion-matrix metrics."},
                "thresholds": {"title": "Decision thresholds",
                               "description": "Turns scores into decisions."}}},
            "data": {"title": "Data engineering", "skills": {
                "cleaning": {"title": "Data cleaning",
                             "description": "Fixes types, duplicates and gaps."}}}}}, sort_keys=False))

    def module(mid: str, title: str, exercises: list[dict]) -> None:
        (root / "modules" / mid).mkdir(parents=True)
        (root / "modules" / mid / "module.yaml").write_text(yaml.safe_dump({
            "schema_version": 1, "id": mid, "title": title,
            "summary": "A module written for the dashboard tests.", "environment": "base",
            "objectives": ["Pass the tests."],
            "lessons": [{"id": "intro", "title": "Intro", "file": "lessons/01-intro.md"}],
            "exercises": exercises}))

    def exercise(eid: str, title: str, points: float, skills: list[tuple[str, int]]) -> dict:
        return {"id": eid, "title": title, "summary": "An exercise for the dashboard tests.",
                "lesson": "intro", "points": points,
                "skills": [{"id": s, "level": lv} for s, lv in skills]}

    module("m01-data", "Data", [exercise("clean-table", "Clean a table", 10,
                                         [("data.cleaning", 1)])])
    module("m02-eval", "Evaluation", [
        exercise("metrics", "Metrics from scratch", 12,
                 [("evaluation.metrics", 1), ("data.cleaning", 2)]),
        exercise("thresholds", "Choose a threshold", 10, [("evaluation.thresholds", 2)])])
    return root


def write_record(folder: Path, sid: str, exercise: str | None, checks: list[tuple], *,
                 file: Path | str, graded_at: str, status: str = "graded",
                 reason: str | None = None) -> GradingResult:
    """checks: (check, points awarded); the record is validated as `academy grade` does."""
    outcomes = [CheckOutcome(id=c[0], title=c[1], hidden=c[2], points=got, max_points=c[3],
                             passed=got == c[3], message="ok" if got == c[3] else "wrong")
                for c, got in checks]
    result = GradingResult(
        submission_id=sid, submission_file=str(file), submission_sha256=None,
        exercise=exercise, status=status, reason=reason,  # type: ignore[arg-type]
        score=sum(o.points for o in outcomes), max_score=sum(o.max_points for o in outcomes),
        checks=outcomes, seed=7, sandbox=SandboxInfo(kind="local"), grader_version="0.1.0",
        graded_at=graded_at, timings=Timings(total_seconds=1.0, sandbox_wall_seconds=0.5,
                                             sandbox_cpu_seconds=0.4),
        resources=Resources(peak_memory_mb=80.0))
    payload = json.loads(result.model_dump_json())
    validate_record(payload)
    (folder / "results").mkdir(parents=True, exist_ok=True)
    (folder / "results" / f"{sid}.json").write_text(json.dumps(payload, indent=2))
    return result


def build_cohort(base: Path) -> dict[str, Path]:
    """The two results folders, the collected folder and the content root, by hand.

    Expected, learner by exercise (best attempt, percent):
      ada  clean 100   metrics 75 (plain; m1 failed)
      ben  clean 60 (best of 40 and 60)   metrics 50 (hub; m1 and m2 failed)
      cy   clean 0 (invalid notebook)
      dee  metrics 100, thresholds 70 (hub; t2 failed), submitted 10:00 and 11:30
    """
    root = write_root(base / "content")
    plain, hub, collected = base / "plain", base / "hub", base / "collected"
    subs = base / "loose"
    subs.mkdir()
    write_record(plain, "ada", CLEAN, [(C1, 4.0), (C2, 6.0)], file=subs / "ada.ipynb",
                 graded_at="2026-01-10T09:00:00+00:00")
    write_record(plain, "ben", CLEAN, [(C1, 4.0), (C2, 0.0)], file=subs / "ben.ipynb",
                 graded_at="2026-01-10T09:01:00+00:00")
    write_record(plain, "ben--m01-data--clean-table", CLEAN, [(C1, 0.0), (C2, 6.0)],
                 file=subs / "ben" / "m01-data" / "clean-table.ipynb",
                 graded_at="2026-01-10T09:02:00+00:00")
    write_record(plain, "cy", CLEAN, [(C1, 0.0), (C2, 0.0)], file=subs / "cy.ipynb",
                 graded_at="2026-01-10T09:03:00+00:00", status="invalid",
                 reason="the notebook is not valid JSON")
    write_record(plain, "ada--m02-eval--metrics", METRICS, [(M1, 0.0), (M2, 9.0)],
                 file=subs / "ada" / "m02-eval" / "metrics.ipynb",
                 graded_at="2026-01-10T09:04:00+00:00")
    write_record(plain, "zed", None, [], file=subs / "zed.ipynb",
                 graded_at="2026-01-10T09:05:00+00:00", status="invalid",
                 reason="the notebook does not say which exercise it answers")
    (plain / "results" / "broken.json").write_text("{ not a record")

    entries = [("dee", "m02-eval", "metrics", "20260112T100000.000000Z"),
               ("dee", "m02-eval", "thresholds", "20260112T113000.000000Z"),
               ("ben", "m02-eval", "metrics", "20260111T080000.000000Z")]
    rows = []
    for user, module, exercise, stamp in entries:
        rel = Path(user) / module / f"{exercise}.ipynb"
        (collected / rel).parent.mkdir(parents=True, exist_ok=True)
        (collected / rel).write_text("{}")
        rows.append({"user": user, "module": module, "exercise": exercise,
                     "submitted_at": stamp, "path": str(rel)})
    (collected / "collected.json").write_text(json.dumps({"course": "c1", "submissions": rows}))
    # ids as `academy grade collected/` makes them: unique stems stay bare
    write_record(hub, "dee--m02-eval--metrics", METRICS, [(M1, 3.0), (M2, 9.0)],
                 file=collected / "dee" / "m02-eval" / "metrics.ipynb",
                 graded_at="2026-01-13T07:00:00+00:00")
    write_record(hub, "thresholds", THRESH, [(T1, 4.0), (T2, 3.0)],
                 file=collected / "dee" / "m02-eval" / "thresholds.ipynb",
                 graded_at="2026-01-13T07:01:00+00:00")
    write_record(hub, "ben--m02-eval--metrics", METRICS, [(M1, 0.0), (M2, 6.0)],
                 file=Path("collected") / "ben" / "m02-eval" / "metrics.ipynb",  # relative
                 graded_at="2026-01-13T07:02:00+00:00")
    return {"root": root, "plain": plain, "hub": hub, "collected": collected}


def write_manual_grades(plain: Path) -> None:
    """What formgrader leaves in the gradebook: a manual score and comments on free text."""
    from nbgrader.api import Gradebook

    from academy.grading.gradebook import COURSE_ID, db_url
    from academy.nbgrader_env import ensure_tools_on_path

    ensure_tools_on_path()
    with Gradebook(db_url(plain / "gradebook.db"), COURSE_ID) as gb, \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gb.update_or_create_assignment("clean-table")
        gb.update_or_create_notebook("clean-table", "clean-table")
        gb.update_or_create_grade_cell("check-c1", "clean-table", "clean-table", max_score=4,
                                       cell_type="code")
        gb.update_or_create_grade_cell("explain-strategy", "clean-table", "clean-table",
                                       max_score=3, cell_type="markdown")
        gb.update_or_create_solution_cell("explain-strategy", "clean-table", "clean-table")
        for student in ("ada", "ben--m01-data--clean-table"):
            gb.update_or_create_student(student)
            gb.add_submission("clean-table", student)
            gb.find_grade("check-c1", "clean-table", "clean-table", student).auto_score = 4.0
        gb.find_grade("explain-strategy", "clean-table", "clean-table", "ada").manual_score = 2.5
        gb.find_comment("explain-strategy", "clean-table", "clean-table",
                        "ada").manual_comment = "Say why the median, not the mean."
        gb.find_comment("explain-strategy", "clean-table", "clean-table",
                        "ben--m01-data--clean-table").manual_comment = "  Not graded yet.  "
        gb.db.commit()


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    made = build_cohort(tmp_path_factory.mktemp("dashboard"))
    write_manual_grades(made["plain"])
    return made


@pytest.fixture(scope="module")
def cohort(folders) -> data.Cohort:
    return data.load([folders["plain"], folders["hub"]], root=folders["root"])


def test_learners_are_told_by_manifest_or_by_id(cohort):
    assert cohort.roster == ("ada", "ben", "cy", "dee")
    assert cohort.exercise_keys == (CLEAN, METRICS, THRESH)
    assert cohort.modules == ["m01-data", "m02-eval"]
    who = dict(zip(cohort.attempts["submission_id"], cohort.attempts["learner"], strict=True))
    assert who["thresholds"] == "dee"  # only the manifest knows: the id is a bare stem
    assert who["ben--m01-data--clean-table"] == "ben"
    assert len(cohort.attempts) == 8  # zed (no exercise) and broken.json are skipped
    assert any("1 damaged record(s)" in n for n in cohort.notes)
    assert any("1 record(s)" in n and "which exercise" in n for n in cohort.notes)


def test_best_attempt_per_learner_and_exercise(cohort):
    best = cohort.best.set_index(["learner", "exercise"])
    assert len(best) == 7
    assert best.loc[("ben", CLEAN), "submission_id"] == "ben--m01-data--clean-table"
    assert best.loc[("ben", CLEAN), ["score", "max_score"]].tolist() == [6.0, 10.0]
    assert best.loc[("cy", CLEAN), "status"] == "invalid"
    dee = best.loc[("dee", THRESH)]
    assert dee["submitted_at"] == pd.Timestamp("2026-01-12T11:30:00Z")
    assert dee["when"] == dee["submitted_at"]
    # graded from a relative path: the manifest is found from the results folder's parents
    assert best.loc[("ben", METRICS), "submitted_at"] == pd.Timestamp("2026-01-11T08:00Z")
    ada = best.loc[("ada", METRICS)]
    assert pd.isna(ada["submitted_at"]) and ada["when"] == pd.Timestamp("2026-01-10T09:04Z")
    checks = cohort.checks
    assert set(checks["attempt"]) == set(cohort.best["attempt"])
    bens = checks[(checks["learner"] == "ben") & (checks["exercise"] == CLEAN)]
    assert bens[["check_id", "passed"]].values.tolist() == [["c1", False], ["c2", True]]
    row = checks[(checks["learner"] == "ada") & (checks["check_id"] == "m1")].iloc[0]
    assert (row["title"], row["hidden"], row["points"], row["max_points"]) == (
        M1[1], True, 0.0, 3.0)


def test_progress_matrix(cohort):
    matrix = data.progress_matrix(cohort)
    assert list(matrix.index) == ["ada", "ben", "cy", "dee"]
    assert list(matrix.columns) == [CLEAN, METRICS, THRESH]
    expected = {"ada": [100.0, 75.0, None], "ben": [60.0, 50.0, None],
                "cy": [0.0, None, None], "dee": [None, 100.0, 70.0]}
    for learner, values in expected.items():
        got = matrix.loc[learner].tolist()
        assert [None if math.isnan(v) else v for v in got] == values, learner
    page = data.matrix_html(cohort)
    assert '<td data-learner="ada" data-exercise="m02-eval/metrics"' in page
    assert page.count(">\u2014</td>") == 5 and ">75%</td>" in page and ">0%</td>" in page
    assert 'title="Metrics from scratch"' in page


def test_score_distribution_and_summary(cohort):
    assert data.score_distribution(cohort) == {
        CLEAN: [0.0, 60.0, 100.0], METRICS: [50.0, 75.0, 100.0], THRESH: [70.0]}
    summary = data.exercise_summary(cohort).set_index("exercise")
    assert summary.loc[METRICS, ["submitted", "mean", "median", "full_marks"]].tolist() == [
        3, 75.0, 75.0, 1]
    assert summary.loc[CLEAN, "title"] == "Clean a table"


def test_most_failed_checks_and_their_shares(cohort):
    table = data.most_failed_checks(cohort)
    got = [(r.exercise, r.check_id, r.failed, r.learners, round(r.share, 4))
           for r in table.itertuples()]
    # cy's invalid notebook fails every check but says nothing about any: not counted
    assert got == [(THRESH, "t2", 1, 1, 1.0), (METRICS, "m1", 2, 3, 0.6667),
                   (CLEAN, "c1", 1, 2, 0.5), (METRICS, "m2", 1, 3, 0.3333)]
    assert table.iloc[1]["title"] == M1[1] and bool(table.iloc[1]["hidden"]) is True
    assert len(data.most_failed_checks(cohort, limit=2)) == 2


def test_skill_profile(cohort):
    table = data.skill_profile(cohort)
    assert table["skill"].tolist() == ["evaluation.metrics", "evaluation.thresholds",
                                       "data.cleaning"]  # taxonomy order
    rows = table.set_index("skill")
    # data.cleaning: clean-table 100, 60, 0 and metrics 75, 50, 100
    assert rows.loc["data.cleaning", "mean_percent"] == pytest.approx(385 / 6)
    assert rows.loc["data.cleaning", ["exercises", "attempts", "level"]].tolist() == [2, 6, 2]
    assert rows.loc["evaluation.metrics", "mean_percent"] == pytest.approx(75.0)
    assert rows.loc["evaluation.thresholds", "mean_percent"] == pytest.approx(70.0)
    assert rows.loc["evaluation.thresholds", "title"] == "Decision thresholds"
    assert rows.loc["data.cleaning", "area"] == "Data engineering"


def test_time_to_completion(cohort):
    table = data.time_to_completion(cohort).set_index("learner")
    dee = table.loc["dee"]
    assert dee["time_to_completion"] == pd.Timedelta(minutes=90)
    assert dee["first_submission"] == pd.Timestamp("2026-01-12T10:00Z")
    assert (dee["exercises"], dee["full_marks"], dee["basis"]) == (2, 1, "submission time")
    assert data.format_duration(dee["time_to_completion"]) == "1 h 30 min"
    for learner in ("ada", "ben", "cy"):  # at least one record known only by grading time
        assert pd.isna(table.loc[learner, "time_to_completion"])
        assert table.loc[learner, "basis"] == "grading time only"
        assert data.format_duration(table.loc[learner, "time_to_completion"]) == "n/a"
    assert any("only the grading time is known" in n for n in cohort.notes)
    plain = data.time_to_completion(data.load([cohort.results[0]]))  # no submission times
    assert plain["time_to_completion"].isna().all() and len(plain) == 3
    assert str(plain["time_to_completion"].dtype).startswith("timedelta64")
    assert data.time_to_completion(cohort.filter(learners=["nobody"])).empty
    evaluation = data.time_to_completion(cohort.filter(modules=["m02-eval"])).set_index("learner")
    assert evaluation.loc["cy", "basis"] == "nothing submitted"


def test_manual_grades_from_the_gradebook(cohort):
    rows = cohort.manual.sort_values("learner").to_dict("records")
    assert [(r["learner"], r["exercise"], r["cell"], r["kind"], r["comment"]) for r in rows] == [
        ("ada", CLEAN, "explain-strategy", "free text", "Say why the median, not the mean."),
        ("ben", CLEAN, "explain-strategy", "free text", "Not graded yet.")]
    assert (rows[0]["score"], rows[0]["max_score"]) == (2.5, 3.0)
    assert math.isnan(rows[1]["score"])  # a comment without a score yet


def test_filters_narrow_every_view(cohort):
    evaluation = cohort.filter(modules=["m02-eval"])
    matrix = data.progress_matrix(evaluation)
    assert list(matrix.columns) == [METRICS, THRESH]
    assert list(matrix.index) == ["ada", "ben", "cy", "dee"]  # cy submitted nothing here
    assert matrix.loc["cy"].isna().all()
    assert data.most_failed_checks(evaluation)["check_id"].tolist() == ["t2", "m1", "m2"]
    assert evaluation.manual.empty
    assert data.skill_profile(evaluation).set_index("skill").loc[
        "data.cleaning", "mean_percent"] == pytest.approx(75.0)

    two = cohort.filter(learners=["dee", "ada"])
    assert list(data.progress_matrix(two).index) == ["ada", "dee"]
    assert list(data.progress_matrix(two).columns) == [CLEAN, METRICS, THRESH]
    failed = data.most_failed_checks(two)
    assert [(r.check_id, r.failed, r.learners) for r in failed.itertuples()] == [
        ("t2", 1, 1), ("m1", 1, 2)]
    assert data.time_to_completion(two)["learner"].tolist() == ["ada", "dee"]
    assert two.manual["learner"].tolist() == ["ada"]

    both = cohort.filter(modules=["m01-data"], learners=["ben"])
    assert data.progress_matrix(both).values.tolist() == [[60.0]]
    assert cohort.filter(modules=[], learners=None).best.equals(cohort.best)


def test_csv_export_holds_the_filtered_table(cohort, tmp_path):
    view = cohort.filter(modules=["m02-eval"])
    path = data.export_csv(view, tmp_path)
    assert path == tmp_path / "dashboard-export.csv"
    rows = list(csv.DictReader(path.open()))
    assert [(r["learner"], r["exercise"], r["percent"], r["failed_checks"]) for r in rows] == [
        ("ada", METRICS, "75.0", "m1"), ("ben", METRICS, "50.0", "m1;m2"),
        ("dee", METRICS, "100.0", ""), ("dee", THRESH, "70.0", "t2")]
    assert rows[0]["submitted_at"] == "" and rows[0]["graded_at"].startswith("2026-01-10T09:04")
    assert rows[3]["submitted_at"] == "2026-01-12T11:30:00+00:00"
    assert rows[3]["title"] == "Choose a threshold"
    assert list(rows[0]) == data.EXPORT_COLUMNS
    default = data.export_csv(cohort.filter(learners=["cy"]))
    assert default == cohort.results[0] / "dashboard-export.csv"
    (cy,) = list(csv.DictReader(default.open()))
    assert (cy["status"], cy["reason"]) == ("invalid", "the notebook is not valid JSON")
    url = data.csv_data_url(view)
    assert url.startswith("data:text/csv;charset=utf-8;base64,")
    import base64

    text = base64.b64decode(url.split(",", 1)[1]).decode()
    assert list(csv.DictReader(io.StringIO(text))) == rows


def test_a_moved_collected_folder_is_found_when_named(folders, tmp_path):
    moved = tmp_path / "elsewhere"
    shutil.copytree(folders["collected"], moved)
    hub = tmp_path / "hub"
    shutil.copytree(folders["hub"], hub)
    shutil.rmtree(folders["collected"])
    try:
        lost = data.load([hub])
        assert "thresholds" in lost.roster  # without the manifest the id is all there is
        found = data.load([hub], collected=[moved])
        assert found.roster == ("ben", "dee")
        assert found.best["submitted_at"].notna().all()
    finally:
        shutil.copytree(moved, folders["collected"])


def test_without_a_catalog_titles_fall_back_and_skills_are_empty(folders):
    cohort = data.load([folders["hub"]])
    assert cohort.title(METRICS) == METRICS
    assert data.skill_profile(cohort).empty
    broken = data.load([folders["hub"]], root=folders["hub"])
    assert any("cannot be read" in n for n in broken.notes)


def test_an_unreadable_gradebook_is_a_note(folders, tmp_path):
    hub = tmp_path / "hub"
    shutil.copytree(folders["hub"], hub)
    (hub / "gradebook.db").write_bytes(b"not a database at all" * 100)
    cohort = data.load([hub])
    assert cohort.manual.empty and len(cohort.best) == 3
    assert any("gradebook.db could not be read" in n for n in cohort.notes)


def test_bad_input_is_one_sentence(folders, tmp_path):
    with pytest.raises(DashboardError, match="does not exist"):
        data.load([tmp_path / "nowhere"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(DashboardError, match="holds no grading records"):
        data.load([tmp_path / "empty"])
    with pytest.raises(DashboardError, match="at least one results folder"):
        data.load([])
    with pytest.raises(DashboardError, match=r"has no collected\.json"):
        data.load([folders["hub"]], collected=[tmp_path / "empty"])
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "collected.json").write_text('{"submissions": [{"user": "x"}]}')
    with pytest.raises(DashboardError, match="is not a manifest"):
        data.read_manifest(tmp_path / "bad")
    only_broken = tmp_path / "only-broken"
    (only_broken / "results").mkdir(parents=True)
    (only_broken / "results" / "x.json").write_text("[]")
    with pytest.raises(DashboardError, match="no usable grading records"):
        data.load([only_broken])


def test_the_environment_names_the_folders(folders):
    env = {data.RESULTS_ENV: json.dumps([str(folders["hub"])]),
           data.COLLECTED_ENV: json.dumps([str(folders["collected"])]),
           data.ROOT_ENV: str(folders["root"])}
    cohort = data.from_env(env)
    assert cohort.roster == ("ben", "dee") and cohort.title(THRESH) == "Choose a threshold"
    with pytest.raises(DashboardError, match="is not set"):
        data.from_env({})
    with pytest.raises(DashboardError, match="JSON list"):
        data.from_env({data.RESULTS_ENV: str(folders["hub"])})


def test_formatting_helpers():
    assert data.learner_from_id("ada--m04-evaluation--metrics-from-scratch") == "ada"
    assert data.learner_from_id("ada") == "ada"
    assert data.parse_time("20260112T100000.000000Z") == pd.Timestamp("2026-01-12T10:00Z")
    assert data.parse_time("2026-01-12T10:00:00") == pd.Timestamp("2026-01-12T10:00Z")
    assert data.parse_time("yesterday") is None and data.parse_time(None) is None
    assert data.format_percent(74.6) == "75%" and data.format_percent(math.nan) == "\u2014"
    assert data.format_duration(pd.Timedelta(days=2, hours=3, minutes=5)) == "2 d 3 h 5 min"
    assert data.format_duration(pd.Timedelta(seconds=20)) == "under 1 min"
    assert data.format_duration(pd.Timedelta(0)) == "0 min"
    assert data.format_duration(pd.NaT) == "n/a"
    assert data.percent_colour(0) == "#f46d43" and data.percent_colour(100) == "#66bd63"
    assert data.percent_colour(50) == "#fee08b" and data.percent_colour(None) == "#eeeeee"
    assert data.percent_colour(150) == data.percent_colour(100)
    html = data.table_html(pd.DataFrame({"who": ["<b>x</b>"], "share": [0.5],
                                         "full_marks": [None]}), "t",
                           {"share": lambda v: f"{v:.0%}"})
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<td>50%</td>" in html
    assert 'class="dataframe t"' in html and "<th>full marks</th>" in html
    assert "<td>n/a</td>" in html


# ---------------------------------------------------------------- serve (without starting voila)


def test_serve_refuses_bad_input_before_starting_anything(folders, tmp_path):
    from academy.dashboard.serve import serve

    root = folders["root"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(DashboardError, match="does not exist"):
        serve([tmp_path / "nowhere"], 8866, root=root)
    with pytest.raises(DashboardError, match="holds no grading records"):
        serve([folders["hub"], tmp_path / "empty"], 8866, root=root)
    with pytest.raises(DashboardError, match="at least one results folder"):
        serve([], 8866, root=root)
    with pytest.raises(DashboardError, match=r"has no collected\.json"):
        serve([folders["hub"]], 8866, root=root, collected=[tmp_path / "empty"])
    with pytest.raises(DashboardError, match="content root .* does not exist"):
        serve([folders["hub"]], 8866, root=tmp_path / "no-root")
    with pytest.raises(DashboardError, match="between 1 and 65535"):
        serve([folders["hub"]], 70000, root=root)
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(DashboardError, match=f"port {port} on 127.0.0.1 is in use"):
            serve([folders["hub"]], port, root=root)


def test_main_command_turns_refusals_into_one_sentence(tmp_path, folders, monkeypatch):
    import tempfile

    from academy.clitools import UserError
    from academy.dashboard.serve import main_command

    logs = tmp_path / "tmp"
    logs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(logs))
    with pytest.raises(UserError, match="does not exist") as refused:
        main_command([tmp_path / "nowhere"], port=8866, root=folders["root"])
    assert "\n" not in refused.value.message
    assert list(logs.iterdir()) == []  # no empty log left behind


def test_voila_command_and_page_policy():
    import sys

    from academy.dashboard.serve import NOTEBOOK, content_security_policy, voila_command

    cmd = voila_command(8123)
    assert cmd[:4] == [sys.executable, "-m", "voila", str(NOTEBOOK)] and NOTEBOOK.is_file()
    assert {"--no-browser", "--port=8123", "--Voila.ip=127.0.0.1", "--token"} <= set(cmd)
    assert not any("token=" in part.lower() for part in cmd)  # the token travels in the env
    policy = content_security_policy(8123)
    assert "connect-src 'self' ws://127.0.0.1:8123" in policy
    assert "http" not in policy.replace("ws://", "")  # no other host is allowed anything
    notebook = json.loads(NOTEBOOK.read_text())
    for c in notebook["cells"]:  # outputs are never committed
        assert c.get("outputs", []) == [] and c.get("execution_count") is None


def test_stop_ends_the_server_and_the_processes_it_started(tmp_path):
    """A server that dies on SIGTERM but leaves a child of its own session behind."""
    import subprocess
    import sys
    import time

    from academy.dashboard.serve import _alive, stop

    pidfile = tmp_path / "child.pid"
    script = ("import subprocess, sys, time\n"
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],"
              " start_new_session=True)\n"
              f"open({str(pidfile)!r}, 'w').write(str(child.pid))\n"
              "time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    deadline = time.monotonic() + 20
    while not (pidfile.is_file() and pidfile.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(pidfile.read_text())
    assert _alive(child)
    stop(proc)
    assert proc.returncode is not None
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def test_every_view_copes_with_an_empty_selection(cohort, tmp_path):
    nobody = cohort.filter(learners=["nobody"])
    assert data.progress_matrix(nobody).shape == (0, 3)
    assert "<tbody></tbody>" in data.matrix_html(nobody)
    assert data.score_distribution(nobody) == {} and data.exercise_summary(nobody).empty
    assert data.most_failed_checks(nobody).empty and data.skill_profile(nobody).empty
    assert data.export_table(nobody).empty
    (header,) = data.export_csv(nobody, tmp_path).read_text().splitlines()
    assert header.split(",") == data.EXPORT_COLUMNS
    # a module nobody submitted to: rows stay, every cell says "not submitted"
    only_cy = cohort.filter(modules=["m02-eval"], learners=["cy"])
    assert data.progress_matrix(only_cy).isna().all().all()
    assert data.matrix_html(only_cy).count(">\u2014</td>") == 2
