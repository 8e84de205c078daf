"""The built site in headless Chromium: offline, diagrams drawn, search working."""

from __future__ import annotations

import shutil
import threading
import urllib.request
from pathlib import Path

import pytest

from academy.build.site import build_site, vendor_mermaid
from academy.catalog.load import Catalog
from academy.serve import make_server

from ..conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = ROOT / "build" / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CATALOG_IDS = sorted(Catalog.load(ROOT).modules)


@pytest.fixture(scope="module")
def site(catalog, tmp_path_factory):
    work = tmp_path_factory.mktemp("site-work")
    cached = vendor_mermaid(ROOT / "build" / "vendor")
    (work / "vendor").mkdir()
    shutil.copy(cached, work / "vendor" / cached.name)
    out = build_site(catalog, work / "site", work)
    server = make_server(out, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", out
    server.shutdown()
    server.server_close()


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
def page(browser, site):
    base, _ = site
    context = browser.new_context()
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    outside = [u for u in page.requests if not u.startswith((base, "data:", "blob:"))]
    assert outside == [], f"the site contacted other hosts: {outside[:5]}"
    context.close()


def test_no_page_refers_to_a_cdn_or_web_font(site):
    _, out = site
    for html in out.rglob("*.html"):
        text = html.read_text()
        for host in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr"):
            assert host not in text, f"{html} refers to {host}"


def test_home_and_module_page(page, site, catalog):
    base, _ = site
    page.goto(base + "/")
    assert "ML Engineering Academy" in page.title()
    page.click("text=Model evaluation")
    page.wait_for_url("**/m04-evaluation/")
    body = page.inner_text("article")
    assert "Learning objectives" in body and "Skills assessed" in body
    assert "Classification metrics from scratch" in body
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "module-page.png"), full_page=True)
    links = page.eval_on_selector_all("a[href$='.zip']", "els => els.map(e => e.href)")
    assert len(links) == len(catalog.modules["m04-evaluation"].exercises)
    for link in links:
        with urllib.request.urlopen(link) as resp:  # noqa: S310 - loopback only
            assert resp.status == 200 and resp.read(2) == b"PK"


def test_lesson_diagram_is_drawn_offline(page, site):
    base, _ = site
    page.goto(base + "/m04-evaluation/03-cross-validation/")
    # material draws the diagram into a closed shadow root and empties the source block
    page.wait_for_function(
        "() => { const e = document.querySelector('div.mermaid');"
        " return e && e.textContent === '' && e.getBoundingClientRect().height > 100 }",
        timeout=20000)
    page.query_selector("div.mermaid").screenshot(path=str(ARTIFACTS / "diagram.png"))
    assert "Exercises for this section" in page.inner_text("article")
    page.screenshot(path=str(ARTIFACTS / "lesson-page.png"), full_page=False)


def test_search_finds_a_lesson(page, site):
    base, _ = site
    page.goto(base + "/")
    page.click("input.md-search__input")
    page.keyboard.type("calibration", delay=50)
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    page.screenshot(path=str(ARTIFACTS / "search.png"))
    results = page.inner_text(".md-search-result")
    assert "Calibration" in results


@pytest.mark.parametrize("module_id", CATALOG_IDS)
def test_every_module_is_reached_from_home_with_its_exercises(page, site, catalog, module_id):
    """The home page links the module; its page lists each exercise with a notebook that
    downloads; every lesson page renders and links to exercises; diagrams are drawn."""
    base, _ = site
    module = catalog.modules[module_id]
    page.goto(base + "/")
    page.click(f"article a[href='{module_id}/']")
    page.wait_for_url(f"**/{module_id}/")
    body = page.inner_text("article")
    assert module.title in body
    titles = [e.spec.title for e in catalog.exercises() if e.module.id == module_id]
    assert len(titles) >= 2
    for title in titles:
        assert page.locator("article h3", has_text=title).count() == 1, title
    for entry in (e for e in catalog.exercises() if e.module.id == module_id):
        assert f"academy fetch {entry.key}" in body, entry.key  # how to get it on the hub
    links = page.eval_on_selector_all("article a[href$='.zip']", "els => els.map(e => e.href)")
    assert len(links) == len(titles)
    for link in links:
        with urllib.request.urlopen(link) as resp:  # noqa: S310 - loopback only
            assert resp.status == 200 and resp.read(2) == b"PK"
    diagrams = 0
    for lesson in module.lessons:
        page.goto(f"{base}/{module_id}/{Path(lesson.file).stem}/")
        text = page.inner_text("article")
        heading = (ROOT / "modules" / module_id / lesson.file).read_text().splitlines()[0][2:]
        assert heading in text and "Summary" in text
        assert page.locator("nav", has_text=lesson.title).count() >= 1
        assert "Exercises" in text, f"{lesson.file} does not link to exercises"
        if page.query_selector("div.mermaid"):
            page.wait_for_function(
                "() => [...document.querySelectorAll('div.mermaid')].every(e =>"
                " e.textContent === '' && e.getBoundingClientRect().height > 20)",
                timeout=20000)
            diagrams += 1
    assert diagrams >= 1, "no lesson page draws a diagram"
