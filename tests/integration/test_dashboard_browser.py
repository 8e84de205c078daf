"""The cohort dashboard in headless Chromium: voila started by serve(), numbers checked
against the hand-written records, filters and export driven through the widgets."""

from __future__ import annotations

import csv
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from academy.dashboard import data
from academy.dashboard.serve import serve, stop, wait_until_ready

from ..conftest import ROOT
from ..unit.test_dashboard_data import (
    CLEAN,
    METRICS,
    THRESH,
    build_cohort,
    write_manual_grades,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = ROOT / "build" / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
RENDER_TIMEOUT = 120_000  # ms: voila's first kernel start and run on a busy machine
UPDATE_TIMEOUT = 30_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _running(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        parents, frontier = frontier, set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid in parents:
                frontier.add(int(stat.parent.name))
        found |= frontier
    return found


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    made = build_cohort(tmp_path_factory.mktemp("dashboard-browser"))
    write_manual_grades(made["plain"])
    return made


@pytest.fixture(scope="module")
def spawned() -> set[int]:
    """Processes voila started (its kernels), noted while pages are open."""
    return set()


@pytest.fixture(scope="module")
def dashboard(folders, spawned, tmp_path_factory):
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    proc = serve([folders["plain"], folders["hub"]], free_port(), root=folders["root"], log=log)
    try:
        wait_until_ready(proc)
        yield proc
        spawned |= _descendants(proc.pid)
    finally:
        stop(proc)
    assert proc.returncode is not None
    # The page test (which notes voila's kernels) may run on another xdist worker, with a
    # fixture of its own; whichever kernels this fixture's voila started must be gone.
    left = [pid for pid in {proc.pid, *spawned} if _running(pid)]
    assert not left, f"processes left running after stop(): {left}"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (make test installs it)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, dashboard):
    base = f"http://127.0.0.1:{dashboard.port}"
    context = browser.new_context(viewport={"width": 1280, "height": 3400})
    page = context.new_page()
    requests: list[str] = []
    refused: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: refused.append(r.url) if r.failure == "csp" else None)
    yield page
    outside = [u for u in requests if not u.startswith((base, "ws://127.0.0.1", "data:", "blob:"))]
    # voila's template links Font Awesome from a CDN: the page's policy must refuse it
    assert [u for u in outside if u not in refused] == [], f"contacted other hosts: {outside}"
    context.close()


def cell(page, learner: str, exercise: str) -> str:
    return page.inner_text(f'td[data-learner="{learner}"][data-exercise="{exercise}"]')


def rows(page, css: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        f"{css} tbody tr", "trs => trs.map(tr => [...tr.children].map(c => c.innerText.trim()))")


def wait_for_text(page, css: str, text: str, present: bool = True) -> None:
    page.wait_for_function(
        "([css, text, present]) => { const e = document.querySelector(css);"
        " return !!e && e.innerText.includes(text) === present }",
        arg=[css, text, present], timeout=UPDATE_TIMEOUT)


def test_the_dashboard_shows_the_records_and_follows_the_filters(page, dashboard, folders,
                                                                 spawned):
    page.goto(dashboard.url)
    page.wait_for_selector("table.academy-matrix", timeout=RENDER_TIMEOUT)
    spawned |= _descendants(dashboard.pid)
    assert spawned, "voila started no kernel for the page"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-cohort.png"), full_page=True)

    # 1. progress matrix: ada 9/12 on metrics, dee 7/10 on thresholds, cy nothing on metrics
    assert cell(page, "ada", METRICS) == "75%"
    assert cell(page, "dee", THRESH) == "70%"
    assert cell(page, "ben", CLEAN) == "60%"  # best of 4/10 and 6/10
    assert cell(page, "cy", METRICS) == "\u2014"
    assert "4 learner(s), 3 exercise(s), 8 grading record(s)" in page.inner_text(
        ".academy-header")
    # 2. the distribution is an inline PNG drawn by matplotlib
    src = page.get_attribute(".academy-distribution img.academy-plot", "src")
    assert src is not None and src.startswith("data:image/png;base64,")
    assert page.eval_on_selector(".academy-distribution img.academy-plot",
                                 "img => img.complete && img.naturalWidth > 300")
    # 3. most failed checks: t2 by 1 of 1 learner, then m1 by 2 of 3
    failed = rows(page, "table.academy-failed")
    assert failed[0][:2] == [THRESH, "t2"] and failed[0][2] == "Threshold handles ties"
    assert failed[0][-3:] == ["1", "1", "100%"]
    assert failed[1][2] == "Precision with no positive predictions"
    assert failed[1][-3:] == ["2", "3", "67%"]
    # 4. skill profile: data.cleaning is 385/6 = 64%
    skills = {r[0]: r for r in rows(page, "table.academy-skills")}
    assert skills["data.cleaning"][-1] == "64%" and skills["evaluation.metrics"][-1] == "75%"
    # 5. time to completion: dee from 10:00 to 11:30; ada only graded, so n/a and said why
    times = {r[0]: r for r in rows(page, "table.academy-times")}
    assert times["dee"][5] == "1 h 30 min" and times["ada"][5] == "n/a"
    assert "only the grading time is known" in page.inner_text(".academy-times")
    # 6. manual grades from the gradebook
    manual = page.inner_text(".academy-manual")
    assert "Say why the median, not the mean." in manual and "2.5" in manual

    # 7. filters: the evaluation module only
    page.select_option(".academy-module-filter select", "m02-eval")
    wait_for_text(page, ".academy-header", "4 learner(s), 2 exercise(s)")
    wait_for_text(page, ".academy-failed", "Duplicates are dropped", present=False)
    assert page.locator(f'td[data-exercise="{CLEAN}"]').count() == 0
    assert cell(page, "cy", METRICS) == "\u2014"
    wait_for_text(page, ".academy-manual", "No manual grades")
    # ... and two learners
    page.select_option(".academy-learner-filter select", ["ada", "dee"])
    wait_for_text(page, ".academy-header", "2 learner(s), 2 exercise(s)")
    assert page.locator("table.academy-matrix tbody tr").count() == 2
    failed = rows(page, "table.academy-failed")
    assert [(r[1], r[-3], r[-2], r[-1]) for r in failed] == [
        ("t2", "1", "1", "100%"), ("m1", "1", "2", "50%")]
    page.screenshot(path=str(ARTIFACTS / "dashboard-filtered.png"), full_page=True)

    # export: the filtered table, next to the results
    target = folders["plain"] / data.EXPORT_NAME
    target.unlink(missing_ok=True)
    page.click(".academy-export")
    page.wait_for_selector(".academy-export-path", timeout=UPDATE_TIMEOUT)
    assert page.inner_text(".academy-export-path") == str(target)
    exported = list(csv.DictReader(target.open()))
    assert [(r["learner"], r["exercise"], r["percent"]) for r in exported] == [
        ("ada", METRICS, "75.0"), ("dee", METRICS, "100.0"), ("dee", THRESH, "70.0")]
    href = page.get_attribute("a.academy-download", "href")
    assert href is not None and href.startswith("data:text/csv;charset=utf-8;base64,")

    # back to everyone
    page.click(".academy-everyone")
    wait_for_text(page, ".academy-header", "4 learner(s), 2 exercise(s)")


def test_the_dashboard_wants_its_token(dashboard):
    base = f"http://127.0.0.1:{dashboard.port}/"

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(base, timeout=30)
    assert refused.value.code in (302, 403)
    assert refused.value.headers.get("Location", "").find("login") >= 0 \
        or refused.value.code == 403


def test_main_command_serves_until_interrupted(folders, tmp_path):
    """What `academy dashboard` runs: a URL on stdout, the page behind it, Ctrl-C stops all."""
    import json
    import signal
    import subprocess
    import sys
    import time

    port = free_port()
    script = ("import json, sys\nfrom pathlib import Path\n"
              "from academy.dashboard.serve import main_command\n"
              "args = json.loads(sys.argv[1])\n"
              "main_command([Path(p) for p in args['results']], port=args['port'],"
              " root=Path(args['root']))\n")
    args = {"results": [str(folders["hub"])], "port": port, "root": str(folders["root"])}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, json.dumps(args)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith(f"cohort dashboard at http://127.0.0.1:{port}/?token="), first
        url = first.split(" at ", 1)[1].strip()
        with urllib.request.urlopen(url, timeout=60) as resp:  # noqa: S310 - loopback only
            assert resp.status == 200 and "voila" in resp.read().decode().lower()
        voila = _descendants(proc.pid)
        assert voila
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err[-2000:]
    assert "stopping the dashboard" in out and "Traceback" not in err
    deadline = time.monotonic() + 10
    while any(_running(p) for p in voila) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in voila if _running(p)]
