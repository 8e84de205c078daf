"""A real JupyterHub with DockerSpawner: accounts, servers, the exchange, grading, feedback.

One hub per test module (per xdist worker): its own instance name, ports, network and
volumes, all removed at the end, and checked removed.
"""

from __future__ import annotations

import io
import json
import os
import signal
import tarfile
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from academy.cli import main
from academy.environments import docker_client
from academy.hub import launch
from academy.hub.api import Exchange, HubAPI, HubAPIError, collect, release

from ..conftest import ROOT

pytestmark = [pytest.mark.slow]
ARTIFACTS = ROOT / "build" / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
EXERCISE = "m04-evaluation/metrics-from-scratch"
MODULE, EX_ID = EXERCISE.split("/")
COURSE = "academy"
PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    state = tmp_path_factory.mktemp("hub-state")
    instance = f"t{os.getpid()}"
    settings, admin_password = launch.prepare(
        ROOT, state, instance=instance, port=launch.free_port(), exercises=[EXERCISE],
        mem_limit="1G", cpu_limit=1.0)
    assert admin_password and (state / "admin-password").read_text().strip() == admin_password
    proc = launch.start(settings)
    api = HubAPI(settings.url, settings.admin_token())
    try:
        api.wait_up(90)
        yield settings, api
    finally:
        api.close()
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except Exception:  # noqa: BLE001 - a hub that will not stop is killed
            os.killpg(proc.pid, signal.SIGKILL)
        launch.teardown(instance, volumes=True)
        client = docker_client()
        label = f"{launch.HUB_LABEL}={instance}"
        assert not client.containers.list(all=True, filters={"label": label})
        assert not client.volumes.list(filters={"label": label})
        assert not client.networks.list(names=[settings.network])


def server_container(settings, name):
    return docker_client().containers.get(f"academy-{settings.instance}-{name}")


def run_in(container, *cmd: str) -> tuple[int, str]:
    code, out = container.exec_run(list(cmd), user="learner", workdir="/home/learner/work")
    return code, out.decode(errors="replace")


def put_notebook(container, path: str, data: bytes) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        info = tarfile.TarInfo(Path(path).name)
        info.size, info.uid, info.gid, info.mode = len(data), 1000, 1000, 0o644
        tar.addfile(info, io.BytesIO(data))
    assert container.put_archive(str(Path(path).parent), buf.getvalue())


def test_course_round_trip_through_the_hub(hub, tmp_path, catalog):
    settings, api = hub
    # Accounts through the REST API: an instructor and two learners of the course.
    api.add_user("ines", course=COURSE, role="instructor", password=PASSWORD)
    api.add_user("ada", course=COURSE, role="learner", password=PASSWORD)
    api.add_user("bob", course=COURSE, role="learner", password=PASSWORD)
    groups = {g: (api.user(n) or {})["groups"] for n, g in
              [("ines", "instructors"), ("ada", "learners"), ("bob", "learners")]}
    assert all(f"{g}-{COURSE}" in found for g, found in groups.items())

    # Each learner gets a container of the course image, with limits and a volume.
    for name in ("ada", "bob"):
        assert api.start_server(name).startswith(f"/user/{name}/")
    ada, bob = server_container(settings, "ada"), server_container(settings, "bob")
    host = ada.attrs["HostConfig"]
    assert ada.image.tags == [settings.default_image]
    assert host["Memory"] == 1024**3 and host["CpuQuota"] == host["CpuPeriod"] > 0
    assert host["CapDrop"] == ["ALL"] and "no-new-privileges" in host["SecurityOpt"]
    assert any(m["Type"] == "volume" and m["Name"] == f"academy-{settings.instance}-ada"
               for m in ada.attrs["Mounts"])
    code, out = run_in(ada, "python", "-c", "import urllib.request as u; "
                       "u.urlopen('http://pypi.org', timeout=5)")
    assert code != 0, "a learner's server reached the internet"

    # Fetch inside the server; a second fetch keeps the learner's work.
    code, out = run_in(ada, "academy", "fetch", EXERCISE)
    assert code == 0, out
    notebook = f"/home/learner/work/{MODULE}/{EX_ID}/{EX_ID}.ipynb"
    assert run_in(ada, "test", "-f", notebook)[0] == 0
    assert run_in(ada, "test", "-f", f"/home/learner/work/{MODULE}/{EX_ID}/_academy/public.py")[0] == 0
    code, out = run_in(ada, "academy", "fetch", EXERCISE)
    assert code == 1 and "left as it is" in out

    # Ada hands in the model solution, Bob the untouched student version.
    put_notebook(ada, notebook, catalog.exercise(EXERCISE).source.read_bytes())
    code, out = run_in(ada, "academy", "submit", EXERCISE)
    assert code == 0 and "submitted" in out, out
    assert run_in(bob, "academy", "fetch", EXERCISE)[0] == 0
    code, out = run_in(bob, "academy", "submit", EXERCISE)
    assert code == 0, out

    # Learners see only their own work, over real HTTP, with their own tokens.
    bob_token = api.token_for("bob")
    as_bob = Exchange(settings.public_exchange_url, bob_token)
    try:
        theirs = as_bob.get(f"api/courses/{COURSE}/submissions/ada/{MODULE}/{EX_ID}")
        assert theirs.status_code == 403, theirs.text
        mine = as_bob.get(f"api/courses/{COURSE}/submissions/bob/{MODULE}/{EX_ID}")
        assert mine.status_code == 200 and json.loads(mine.content)["cells"]
        assert [s["user"] for s in as_bob.submissions(COURSE)] == ["bob"]
        with pytest.raises(HubAPIError, match="403"):
            as_bob.release(COURSE, "bob", MODULE, EX_ID, "<p>full marks</p>",
                           {"score": 10, "max_score": 10, "exercise": EXERCISE})
        assert as_bob.get(f"api/courses/{COURSE}/progress/ada").status_code == 403
        assert as_bob.get("api/courses/other/submissions").status_code == 403
    finally:
        as_bob.close()
    # The same from inside Bob's server, with the server's own token.
    code, out = run_in(bob, "python", "-c",
                       "import os, urllib.request as u, urllib.error as e\n"
                       "r = u.Request(os.environ['ACADEMY_EXCHANGE_URL'] + "
                       f"'api/courses/{COURSE}/submissions/ada/{MODULE}/{EX_ID}', "
                       "headers={'Authorization': 'token ' + os.environ['JUPYTERHUB_API_TOKEN']})\n"
                       "try:\n    u.urlopen(r)\nexcept e.HTTPError as x:\n    print(x.code)\n")
    assert out.strip() == "403", out
    anonymous = httpx.get(f"{settings.public_exchange_url}api/exercises")
    assert anonymous.status_code == 401
    narrow = api.http.post("users/bob/tokens", json={"scopes": ["read:users:name!user=bob"]})
    narrow.raise_for_status()
    replayed = httpx.get(f"{settings.public_exchange_url}api/exercises",
                         headers={"Authorization": f"token {narrow.json()['token']}"})
    assert replayed.status_code == 403, "a token without the exchange scope was accepted"

    # The instructor collects, grades in the Docker sandbox, and releases feedback.
    ines = Exchange(settings.public_exchange_url, api.token_for("ines"))
    try:
        collected = collect(ines, COURSE, tmp_path / "collected")
        assert sorted(c.user for c in collected) == ["ada", "bob"]
        result = CliRunner().invoke(main, ["grade", str(tmp_path / "collected"), "--out",
                                           str(tmp_path / "grades"), "--sandbox", "docker",
                                           "--quiet", "--root", str(ROOT)])
        assert result.exit_code == 0, result.output
        records = {json.loads(p.read_text())["submission_file"]: json.loads(p.read_text())
                   for p in (tmp_path / "grades" / "results").glob("*.json")}
        by_user = {Path(f).relative_to(tmp_path / "collected").parts[0]: r
                   for f, r in records.items()}
        assert by_user["ada"]["score"] == by_user["ada"]["max_score"] > 0
        assert by_user["bob"]["score"] < by_user["bob"]["max_score"]
        assert by_user["ada"]["sandbox"]["kind"] == "docker"
        released = release(ines, COURSE, tmp_path / "collected", tmp_path / "grades")
        assert len(released) == 2
        with pytest.raises(HubAPIError, match="404"):  # nobody outside the course
            ines.release(COURSE, "zed", MODULE, EX_ID, "<p>x</p>", by_user["ada"])
    finally:
        ines.close()

    # Feedback and progress reach each learner in their own server.
    code, out = run_in(ada, "academy", "feedback")
    assert code == 0 and f"feedback/{MODULE}/{EX_ID}.html" in out, out
    code, page = run_in(ada, "cat", f"/home/learner/work/feedback/{MODULE}/{EX_ID}.html")
    assert code == 0 and "<html" in page.lower()
    code, out = run_in(ada, "academy", "progress")
    assert code == 0 and "complete" in out and "nothing left" in out, out
    code, out = run_in(bob, "academy", "progress")
    assert code == 0 and "graded" in out and f"next: {EXERCISE}" in out, out
    code, out = run_in(bob, "academy", "feedback", f"{MODULE}/{EX_ID}")
    assert code == 0, out

    # Stopping a server removes its container and keeps the learner's volume.
    api.stop_server("bob")
    client = docker_client()
    for _ in range(60):
        if not client.containers.list(all=True, filters={"name": f"academy-{settings.instance}-bob"}):
            break
        time.sleep(1)
    else:
        pytest.fail("bob's server container was not removed")
    assert client.volumes.get(f"academy-{settings.instance}-bob")


@pytest.mark.browser
def test_learner_runs_a_check_cell_in_jupyterlab(hub, catalog):
    from playwright.sync_api import expect, sync_playwright

    settings, api = hub
    api.add_user("cleo", course=COURSE, role="learner", password=PASSWORD)
    api.start_server("cleo")
    cleo = server_container(settings, "cleo")
    assert run_in(cleo, "academy", "fetch", EXERCISE)[0] == 0
    notebook = f"/home/learner/work/{MODULE}/{EX_ID}/{EX_ID}.ipynb"
    put_notebook(cleo, notebook, catalog.exercise(EXERCISE).source.read_bytes())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(f"{settings.url}/hub/login")
            page.fill("input[name=username]", "cleo")
            page.fill("input[name=password]", "not-the-password")
            page.click("#login_submit")
            expect(page.locator("body")).to_contain_text("Invalid username or password")
            page.fill("input[name=username]", "cleo")
            page.fill("input[name=password]", PASSWORD)
            page.click("#login_submit")
            page.wait_for_url("**/user/cleo/**", timeout=120_000)
            page.goto(f"{settings.url}/user/cleo/lab/tree/{MODULE}/{EX_ID}/{EX_ID}.ipynb")
            cells = page.locator(".jp-NotebookPanel:visible .jp-Cell")
            expect(cells.nth(4)).to_contain_text('check("confusion_counts")', timeout=120_000)
            status = page.locator(".jp-StatusBar-Widget", has_text="Idle")
            expect(status.first).to_be_visible(timeout=120_000)  # the kernel is ready
            cells.nth(0).click()
            for _ in range(5):  # markdown, imports, the solution, then the check cell
                page.keyboard.press("Shift+Enter")
            output = cells.nth(4).locator(".jp-OutputArea")
            expect(output).to_contain_text("1/1 public checks passed", timeout=120_000)
            expect(output).to_contain_text("PASS")
            page.screenshot(path=str(ARTIFACTS / "hub-jupyterlab-check.png"), full_page=True)
        finally:
            browser.close()
