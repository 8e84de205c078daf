"""The hub's pieces that need no hub: passwords, progress, the learner's client, the CLI."""

from __future__ import annotations

import io
import json
import stat
import zipfile

import pytest
from click.testing import CliRunner

from academy.cli import main
from academy.hub import learner
from academy.hub.auth import PasswordStore, hash_password, password_problem, verify_password
from academy.hub.exchange import NAME_RE, Caller, progress
from academy.hub.launch import HubSettings

CATALOG = [{"module": "m01", "exercise": "a", "title": "A", "points": 4},
           {"module": "m01", "exercise": "b", "title": "B", "points": 6},
           {"module": "m02", "exercise": "c", "title": "C", "points": 5}]


def test_passwords_are_salted_scrypt_hashes(tmp_path):
    one, two = hash_password("long enough secret"), hash_password("long enough secret")
    assert one != two and one.startswith("scrypt$")
    assert verify_password("long enough secret", one)
    assert not verify_password("long enough secreT", one)
    assert not verify_password("anything", "md5$abc")
    assert not verify_password("anything", "not a hash")
    store = PasswordStore(tmp_path / "passwords.json")
    store.set("ada", "ada's password")
    assert store.check("ada", "ada's password") and not store.check("ada", "wrong one!")
    assert not store.check("bob", "ada's password")
    assert stat.S_IMODE((tmp_path / "passwords.json").stat().st_mode) == 0o600
    assert "ada's password" not in (tmp_path / "passwords.json").read_text()
    assert password_problem("short") and password_problem(None)
    assert password_problem("ten chars!") is None


def test_progress_names_the_next_exercise():
    nothing = progress(CATALOG, [], [])
    assert [r["state"] for r in nothing["exercises"]] == ["not started"] * 3
    assert nothing["next"] == "m01/a"

    subs = [{"module": "m01", "exercise": "a", "submitted_at": "20260101T000000Z", "attempts": 1},
            {"module": "m01", "exercise": "b", "submitted_at": "20260102T000000Z", "attempts": 2}]
    fbs = [{"module": "m01", "exercise": "a", "score": 4.0, "max_score": 4.0,
            "released_at": "20260103T000000Z"}]
    report = progress(CATALOG, subs, fbs)
    states = {r["exercise"]: r["state"] for r in report["exercises"]}
    assert states == {"a": "complete", "b": "awaiting feedback", "c": "not started"}
    assert report["next"] == "m02/c"
    assert report["modules"][0] == {"module": "m01", "exercises": 2, "complete": 1,
                                    "score": 4.0, "max_score": 10.0}

    partial = [{**fbs[0], "score": 1.5}]
    assert progress(CATALOG, subs[:1], partial)["next"] == "m01/a"
    resubmitted = [{**subs[0], "submitted_at": "20260104T000000Z"}]
    assert progress(CATALOG, resubmitted, fbs)["exercises"][0]["state"] == "awaiting feedback"
    done = [{"module": e["module"], "exercise": e["exercise"], "score": e["points"],
             "max_score": e["points"], "released_at": "20260105T000000Z"} for e in CATALOG]
    assert progress(CATALOG, [], done)["next"] is None


def test_course_roles_come_from_groups_and_names_are_checked():
    ines = Caller("ines", {"instructors-academy", "learners-other"})
    assert ines.is_instructor("academy") and ines.is_member("other")
    assert not ines.is_instructor("other")
    assert ines.as_json() == {"name": "ines", "courses": {"academy": "instructor",
                                                          "other": "learner"}}
    assert not Caller("bob", {"learners-academy"}).is_member("other")
    for bad in ("..", "../etc", "a/b", "", "A", "x" * 65):
        assert not NAME_RE.match(bad)
    assert NAME_RE.match("m04-evaluation") and NAME_RE.match("metrics_v2.1")
    assert NAME_RE.match("ada@example.org")


def test_learner_client_refuses_bad_keys_unsafe_archives_and_overwrites(tmp_path, monkeypatch):
    monkeypatch.setenv("ACADEMY_WORK_DIR", str(tmp_path))
    for bad in ("m01", "m01/", "/a", "m01/a/b"):
        with pytest.raises(learner.ClientError, match="MODULE/EXERCISE"):
            learner.split_key(bad)

    def archive(names):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name in names:
                zf.writestr(name, "{}")
        return buf.getvalue()

    served = {"zip": archive(["a/a.ipynb", "a/_academy/public.py"])}
    monkeypatch.setattr(learner, "request", lambda method, path, *a, **k: (served["zip"], {}))
    path = learner.fetch("m01/a")
    assert path == tmp_path / "m01" / "a" / "a.ipynb" and path.is_file()
    path.write_text('{"cells": ["my work"]}')
    with pytest.raises(learner.ClientError, match="left as it is"):
        learner.fetch("m01/a")
    assert "my work" in path.read_text()
    served["zip"] = archive(["../../escaped.txt"])
    with pytest.raises(learner.ClientError, match="unsafe path"):
        learner.fetch("m01/other")
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_learner_client_outside_a_hub_says_so(monkeypatch, capsys):
    monkeypatch.delenv("ACADEMY_EXCHANGE_URL", raising=False)
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    assert learner.main(["progress"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("academy: ") and "hub" in err and "Traceback" not in err


def test_progress_view_renders_text_and_html():
    view = learner.ProgressView({"user": "ada", "course": "academy",
                                 **progress(CATALOG, [], [])})
    assert "m01/a" in str(view) and "next: m01/a" in str(view)
    assert "<table>" in view._repr_html_() and "academy fetch m01/a" in view._repr_html_()


def test_hub_commands_without_a_hub_give_one_sentence(tmp_path):
    runner = CliRunner()
    for args in (["hub", "stop", "--state", str(tmp_path)],
                 ["hub", "user", "add", "ada", "--state", str(tmp_path)],
                 ["hub", "collect", "--state", str(tmp_path), "--instructor", "ines"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, result.output
        assert "no hub" in result.output and "Traceback" not in result.output


def test_settings_round_trip(tmp_path):
    settings = HubSettings(root="/r", state=str(tmp_path), instance="main", ip="127.0.0.1",
                           port=8000, hub_ip="172.20.0.1", hub_port=8081, proxy_api_port=8001,
                           exchange_port=8082, network="academy-hub-main",
                           images={"base": "academy/hub-base:x"},
                           default_image="academy/hub-base:x", courses=["academy"],
                           admin_user="admin", chp="/bin/chp", python="/bin/python")
    settings.save()
    loaded = HubSettings.load(tmp_path)
    assert loaded == settings
    assert loaded.exchange_url == "http://172.20.0.1:8082/services/exchange/"
    assert loaded.public_exchange_url == "http://127.0.0.1:8000/services/exchange/"
    assert json.loads((tmp_path / "settings.json").read_text())["instance"] == "main"


def test_hub_start_refuses_bad_names_before_making_anything(tmp_path, root):
    runner = CliRunner()
    state = tmp_path / "state"
    for args, says in ((["--exercise", "nope/nope"], "unknown exercise"),
                       (["--env", "nope"], "no environment named 'nope'"),
                       (["--course", "Bad Name"], "not a valid name")):
        result = runner.invoke(main, ["hub", "start", "--prepare-only", "--state", str(state),
                                      "--instance", "never", "--root", str(root), *args])
        assert result.exit_code == 2 and says in result.output, result.output
        assert not state.exists()
