"""The candidate report (HTML + PDF) and the comparison page, on hand-built CandidateReports."""

from __future__ import annotations

import logging
import os
import re
import socket
import stat
import sys
import zlib

import matplotlib
import pytest
from markupsafe import escape

from academy.assess import report as rep
from academy.assess.model import (
    CandidateReport,
    CheckEvidence,
    CodeMatch,
    ExerciseOutcome,
    IntegrityFinding,
    SimilarityFinding,
    SkillScore,
)

METRICS = "m04-evaluation/metrics-from-scratch"
LEAKAGE = "m03-pipelines/leakage-hunt"
DOCKER = "m08-containers/slim-image"
DIGEST = "sha256:" + "ab" * 32


# -- hand-built reports ---------------------------------------------------------------------------

def _record(exercise: str, **extra: object) -> dict:
    """A grading record as the report receives it; *extra* holds fields the report must not show."""
    return {"submission_id": "x", "exercise": exercise, "grader_version": "0.1.0",
            "sandbox": {"kind": "docker", "image_digest": DIGEST}, **extra}


def _skill(skill: str, title: str, score: float, *, expected: int = 2, assessed: int = 2,
           max_score: float = 10.0) -> SkillScore:
    return SkillScore(skill=skill, title=title, area="Some area", expected_level=expected,
                      assessed_level=assessed, score=score, max_score=max_score,
                      exercises=[METRICS])


def _exercise(key: str, title: str, score: float, *, status: str = "graded",
              reason: str | None = None, weight: float = 1.0, **extra: object) -> ExerciseOutcome:
    return ExerciseOutcome(exercise=key, title=title, weight=weight, score=score, max_score=10.0,
                           status=status, reason=reason, record=_record(key, **extra))


def _check(exercise: str, check_id: str, title: str, passed: bool, message: str, *,
           hidden: bool = False, points: float = 2.0) -> CheckEvidence:
    return CheckEvidence(exercise=exercise, check_id=check_id, title=title, hidden=hidden,
                         points=points if passed else 0.0, max_points=points, passed=passed,
                         message=message)


def _report(candidate: str, name: str, total: float, skills: list[SkillScore], **kw) -> CandidateReport:
    base: dict = dict(
        assessment_id="mle-2025-q1", assessment_title="ML engineer take-home", role="ML engineer",
        level=2, candidate=candidate, name=name, issued_at="2025-03-01T09:00:00+00:00",
        deadline="2025-03-04T09:00:00+00:00", submitted_at="2025-03-02T11:35:00+00:00",
        minutes_spent=1595.0, total=total, max_total=30.0,
        exercises=[_exercise(METRICS, "Metrics from scratch", 9.0),
                   _exercise(LEAKAGE, "Leakage hunt", 8.0),
                   _exercise(DOCKER, "A slim image", 10.0)],
        skills=skills, evidence=[], integrity=[], similarity=[])
    base.update(kw)
    return CandidateReport(**base)


def strong() -> CandidateReport:
    return _report("cand-01", "Ada Lovelace", 27.0, [
        _skill("evaluation.metrics", "Classification metrics", 9.0),
        _skill("pipelines.leakage", "Leakage", 8.0, assessed=3),
        _skill("containers.dockerfile", "Dockerfiles", 7.5),
    ], evidence=[
        _check(METRICS, "precision", "precision on ties", True, "precision matches the reference"),
        _check(METRICS, "roc", "ROC-AUC on hidden scores", True, "roc_auc within 1e-9",
               hidden=True),
        _check(LEAKAGE, "split", "split before fitting", True, "the scaler is fitted on train only"),
    ])


def weak() -> CandidateReport:
    return _report("cand-02", "Bob Weak", 12.0, [
        _skill("evaluation.metrics", "Classification metrics", 4.0),
        _skill("pipelines.leakage", "Leakage", 8.0, assessed=1),     # enough points, too low a level
        _skill("containers.dockerfile", "Dockerfiles", 6.999),       # 69.99%: just under the bar
    ], exercises=[
        _exercise(METRICS, "Metrics from scratch", 4.0),
        _exercise(LEAKAGE, "Leakage hunt", 8.0),
        _exercise(DOCKER, "A slim image", 0.0, status="timeout",
                  reason="The notebook ran longer than 600 seconds."),
    ], evidence=[
        _check(METRICS, "precision", "precision on ties", False,
               "precision([1, 0], [0, 0]) returned nan; expected 0.0 when nothing is predicted"),
        _check(METRICS, "roc", "ROC-AUC on hidden scores", False, "roc_auc differs by 0.12",
               hidden=True),
    ])


def flagged() -> CandidateReport:
    return _report("cand-03", "Cy Integrity", 20.0, [
        _skill("evaluation.metrics", "Classification metrics", 8.0),
    ], integrity=[
        IntegrityFinding("locked-cell-changed", "metrics/notebook.ipynb",
                         "Locked cell 3 (the grading harness) was edited."),
        IntegrityFinding("late", "", "Submitted 12 minutes after the deadline."),
    ])


def copied() -> CandidateReport:
    return _report("cand-04", "Di Similar", 25.0, [
        _skill("evaluation.metrics", "Classification metrics", 9.5),
    ], similarity=[SimilarityFinding(other="cand-07", exercise=METRICS, score=0.93, matches=[
        CodeMatch(mine="def precision(y_true, y_pred):\n    tp = sum(t and p for t, p in zip(y_true, y_pred))",
                  theirs="def precision(a, b):\n    tp = sum(t and p for t, p in zip(a, b))",
                  mine_lines=(3, 4), theirs_lines=(10, 11)),
    ])])


HOSTILE_NAME = "<script>alert(1)</script>"


def hostile() -> CandidateReport:
    return _report("cand-x", HOSTILE_NAME, 10.0, [
        _skill("evaluation.metrics", "Classification metrics", 5.0),
    ], evidence=[_check(METRICS, "c", "c", False, "<img src=x onerror=alert(3)>")],
        integrity=[IntegrityFinding("helper-file-changed", '"><svg onload=alert(4)>',
                                    "<b>bold</b> & <i>more</i>")],
        similarity=[SimilarityFinding(other="<script>x</script>", exercise=METRICS, score=0.9,
                                      matches=[CodeMatch(mine="</pre><script>alert(2)</script>",
                                                         theirs="if a < b && c > d: pass",
                                                         mine_lines=(1, 1),
                                                         theirs_lines=(1, 1))])])


def _skill_rows(html: str) -> list[str]:
    return re.findall(r'<tr id="skill-\d+">(.*?)</tr>', html, flags=re.S)


def _meets_column(row: str) -> str:
    return "meets" if '<span class="yes">meets</span>' in row else "not met"


# -- the rule ---------------------------------------------------------------------------------------

def test_meets_needs_seventy_percent_and_the_expected_level():
    assert rep.MEETS_MIN_FRACTION == 0.7
    assert "70%" in rep.MEETS_RULE
    assert rep.meets(_skill("a", "A", 7.0))                              # exactly on the bar
    assert not rep.meets(_skill("a", "A", 6.99))
    assert not rep.meets(_skill("a", "A", 10.0, expected=3, assessed=2))  # level too low
    assert rep.meets(_skill("a", "A", 7.0, expected=1, assessed=3))
    assert not rep.meets(_skill("a", "A", 0.0, max_score=0.0))          # nothing to earn


def test_percentages_round_down_so_the_bar_is_not_overstated():
    assert rep.pct(0.69999) == "69.9%"
    assert rep.pct(0.7) == "70.0%"
    assert rep.pct(0.29) == "29.0%"          # 0.29 * 1000 is 289.99999999999994
    assert rep.pct(2 / 3) == "66.6%"
    assert rep.pct(1.0) == "100.0%"
    assert rep.num(7.5) == "7.5" and rep.num(10.0) == "10" and rep.num(6.999) == "6.99"


def test_summary_line_names_level_count_integrity_and_similarity():
    assert rep.summary_line(strong()) == (
        "Meets the mid level on 3 of 3 skills; integrity: no findings; similarity: nothing flagged")
    assert rep.summary_line(weak()).startswith("Meets the mid level on 0 of 3 skills;")
    assert "integrity: 2 findings" in rep.summary_line(flagged())
    assert rep.summary_line(copied()).endswith("similarity: flagged with cand-07")
    missing = _report("cand-09", "No Show", 0.0, [], submitted_at=None, minutes_spent=None)
    assert rep.summary_line(missing).startswith("Not submitted; No skills assessed;")


# -- one candidate's page ---------------------------------------------------------------------------

def test_strong_candidate_page_has_the_key_numbers():
    html = rep.render_html(strong())
    assert "ML engineer take-home" in html and "ML engineer, mid (level 2)" in html
    assert "Ada Lovelace" in html and "cand-01" in html
    assert '<span class="total" id="total">90.0%</span>' in html
    assert "27 / 30 points" in html
    assert "2025-03-01 09:00 UTC" in html and "2025-03-04 09:00 UTC" in html
    assert "2025-03-02 11:35 UTC" in html and "after the deadline" not in html
    assert "1595 min (26 h 35 min)" in html
    assert ("Meets the mid level on 3 of 3 skills; integrity: no findings; "
            "similarity: nothing flagged") in html
    assert str(escape(rep.MEETS_RULE)) in html
    rows = _skill_rows(html)
    assert [re.search(r'class="n">([\d.]+%)<', r)[1] for r in rows] == ["90.0%", "80.0%", "75.0%"]
    assert [_meets_column(r) for r in rows] == ["meets"] * 3
    # the plot is inline, as a data: URL; the page has no scripts and fetches nothing
    assert html.count('<img src="data:image/svg+xml;base64,') == 1
    assert "<script" not in html.lower()
    assert not re.search(r'(?:src|href)="(?!data:)[a-z]+:', html)


def test_sections_come_in_the_agreed_order():
    html = rep.render_html(strong(), plots=False)
    marks = ['id="summary"', 'id="skills"', 'id="exercises"', 'id="evidence"', 'id="integrity"',
             'id="similarity"', "<footer>"]
    positions = [html.index(m) for m in marks]
    assert positions == sorted(positions)


def test_weak_candidate_page_shows_what_is_not_met_and_why():
    html = rep.render_html(weak())
    assert '<span class="total" id="total">40.0%</span>' in html
    rows = _skill_rows(html)
    assert [re.search(r'class="n">([\d.]+%)<', r)[1] for r in rows] == ["40.0%", "80.0%", "69.9%"]
    assert [_meets_column(r) for r in rows] == ["not met"] * 3
    assert "not assessed at the mid level" in rows[1]
    assert "Meets the mid level on 0 of 3 skills" in html
    # the exercises table: weight, score / max, status and reason
    assert "timeout" in html and "The notebook ran longer than 600 seconds." in html
    assert "0 / 10" in html and "4 / 10" in html
    assert "6.99 / 10" in rows[2]            # points are rounded down like the percentage


def test_evidence_lists_each_check_and_nothing_else_from_the_record():
    report = weak()
    report.exercises[0].record = _record(METRICS, seed=987654321, notes=["SECRET-NOTE"],
                                         checks=[{"id": "roc", "hints": ["SECRET-HINT"]}])
    html = rep.render_html(report)
    evidence = html[html.index('id="evidence"'):html.index('id="integrity"')]
    assert "precision on ties" in evidence and "ROC-AUC on hidden scores" in evidence
    assert "returned nan; expected 0.0 when nothing is predicted" in evidence
    assert "roc_auc differs by 0.12" in evidence
    assert evidence.count(">hidden<") == 1 and evidence.count(">public<") == 1
    assert evidence.count('<span class="no">failed</span>') == 2
    assert "0 / 2" in evidence
    for secret in ("SECRET-NOTE", "SECRET-HINT", "987654321"):
        assert secret not in html
    # exercises without recorded checks say so
    assert "No checks were recorded for this exercise." in evidence


def test_integrity_findings_are_listed_or_none_is_stated():
    html = rep.render_html(flagged(), plots=False)
    section = html[html.index('id="integrity"'):html.index('id="similarity"')]
    assert "locked cell changed" in section and "metrics/notebook.ipynb" in section
    assert "Locked cell 3 (the grading harness) was edited." in section
    assert "Submitted 12 minutes after the deadline." in section
    assert "None: no integrity findings" not in html
    assert "integrity: 2 findings" in html
    assert "None: no integrity findings" in rep.render_html(strong(), plots=False)


def test_similarity_shows_score_and_code_side_by_side():
    html = rep.render_html(copied(), plots=False)
    section = html[html.index('id="similarity"'):html.index("<footer>")]
    assert "similarity: flagged with cand-07" in html
    assert "With cand-07 on" in section and "93.0%" in section
    pres = re.findall(r"<pre>(.*?)</pre>", section, flags=re.S)
    assert pres == [
        "def precision(y_true, y_pred):\n    tp = sum(t and p for t, p in zip(y_true, y_pred))",
        "def precision(a, b):\n    tp = sum(t and p for t, p in zip(a, b))"]
    assert "lines 3–4" in section and "lines 10–11" in section
    assert "None: no similarity" in rep.render_html(strong(), plots=False)


def test_footer_has_grader_version_image_digests_and_assessment_id():
    html = rep.render_html(strong(), plots=False)
    footer = html[html.index("<footer>"):]
    assert "mle-2025-q1" in footer and "0.1.0" in footer
    assert footer.count(DIGEST) == 3
    report = strong()
    report.exercises[2].record = None          # not submitted: no record, no row
    assert rep.render_html(report, plots=False).count(DIGEST) == 2


def test_candidate_text_is_escaped_everywhere():
    html = rep.render_html(hostile())
    assert "<script" not in html.lower()
    assert "<img src=x" not in html and "<svg onload" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    assert "&#34;&gt;&lt;svg onload=alert(4)&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;more&lt;/i&gt;" in html
    assert "if a &lt; b &amp;&amp; c &gt; d: pass" in html
    comparison = rep.render_comparison_html([hostile(), strong()])
    assert "<script" not in comparison.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in comparison


def test_mathtext_in_labels_is_drawn_as_text_not_parsed():
    report = strong()
    report.skills[0].title = r"Costs in $\frac{ dollars"      # would crash matplotlib's mathtext
    report.candidate = "cand-$x^"
    assert rep.render_html(report).count("data:image/svg+xml") == 1
    assert rep.render_comparison_html([report, weak()]).count("data:image/svg+xml") == 1


def test_plots_can_be_left_out_and_leave_matplotlib_as_found():
    backend = matplotlib.get_backend()
    pyplot_loaded = "matplotlib.pyplot" in sys.modules
    figures = sys.modules["matplotlib.pyplot"].get_fignums() if pyplot_loaded else None
    html = rep.render_html(strong(), plots=False)
    assert "<img" not in html and "<figure>" not in html
    assert "<figure>" in rep.render_html(strong())
    rep.render_comparison_html([strong(), weak()])
    assert matplotlib.get_backend() == backend
    if pyplot_loaded:
        assert sys.modules["matplotlib.pyplot"].get_fignums() == figures
    else:
        assert "matplotlib.pyplot" not in sys.modules


def test_rendering_is_reproducible():
    assert rep.render_html(copied()) == rep.render_html(copied())


# -- files and the PDF ------------------------------------------------------------------------------

def _pdf_streams(pdf: bytes) -> list[bytes]:
    """Every FlateDecode stream of *pdf*, inflated (page content, object streams, cmaps)."""
    out = []
    for m in re.finditer(rb"stream\r?\n", pdf):
        try:
            out.append(zlib.decompressobj().decompress(pdf[m.end():]))
        except zlib.error:
            continue
    return out


def _pdf_text_runs(pdf: bytes) -> list[str]:
    """The text of each TJ run of *pdf*, decoded through the fonts' ToUnicode maps.

    pypdf is not in the venv, so this reads the PDF that weasyprint writes: glyph codes in
    TJ arrays and bfchar/bfrange maps. A run is decoded with every map that covers all of
    its codes; a wrong map yields garbage, the right one yields the text.
    """
    streams = _pdf_streams(pdf)
    cmaps = []
    for s in streams:
        if b"begincmap" not in s:
            continue
        cmap: dict[int, str] = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", s, re.S):
            for src, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                cmap[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", s, re.S):
            for lo, hi, dst in re.findall(
                    rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                for k in range(int(lo, 16), int(hi, 16) + 1):
                    cmap[k] = chr(int(dst, 16) + k - int(lo, 16))
        cmaps.append(cmap)
    assert cmaps, "the PDF has no ToUnicode maps"
    runs = []
    for s in streams:
        for arr in re.findall(rb"\[([^\]]*)\]\s*TJ", s):
            codes = [int(h[i:i + 4], 16) for h in re.findall(rb"<([0-9a-fA-F]+)>", arr)
                     for i in range(0, len(h), 4)]
            runs += ["".join(c[k] for k in codes) for c in cmaps if all(k in c for k in codes)]
    return runs


def _pdf_pages(pdf: bytes) -> int:
    return sum(len(re.findall(rb"/Type /Page(?![a-zA-Z])", s)) for s in [pdf, *_pdf_streams(pdf)])


def _layout_pages(html: str) -> list[list[str]]:
    """The text boxes of each page of *html* as weasyprint lays it out for the PDF."""
    import weasyprint
    from weasyprint.formatting_structure.boxes import TextBox

    return [[box.text for box in page._page_box.descendants() if isinstance(box, TextBox)]
            for page in weasyprint.HTML(string=html).render().pages]


def _layout_text(html: str) -> tuple[int, str]:
    pages = _layout_pages(html)
    return len(pages), " ".join(" ".join(page) for page in pages)


def test_write_report_writes_the_html_and_a_pdf_of_it(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    html_path, pdf_path = rep.write_report(strong(), tmp_path / "reports")
    assert (html_path, pdf_path) == (tmp_path / "reports" / "cand-01.html",
                                     tmp_path / "reports" / "cand-01.pdf")
    html = html_path.read_text(encoding="utf-8")
    assert html == rep.render_html(strong())
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    runs = _pdf_text_runs(pdf)
    assert any("Ada Lovelace" in run for run in runs)
    assert "90.0%" in runs
    assert any("27 / 30 points" in run for run in runs)
    assert any("Meets the mid level on 3 of 3 skills" in run for run in runs)
    # the same HTML laid out by weasyprint: same pages; the print CSS starts the evidence on a
    # new page and puts the candidate and the page number in the margins
    pages = _layout_pages(html)
    assert _pdf_pages(pdf) == len(pages) == 2
    assert "Ada Lovelace " in pages[0] and "90.0%" in pages[0] and "Evidence" not in pages[0]
    assert pages[1][0] == "Evidence"
    assert pages[0][-2:] == ["Ada Lovelace (cand-01)", "page 1 of 2"]
    # the SVG plot is drawn in the PDF: three bars (and the legend) in the "meets" green #2da44e
    drawing = b"".join(_pdf_streams(pdf))
    assert drawing.count(b"0.176471 0.643137 0.305882 rg") >= 3
    assert b"0.176471 0.643137 0.305882 rg" not in b"".join(
        _pdf_streams(rep.html_to_pdf(rep.render_html(strong(), plots=False))))
    # the plot loaded and nothing else was asked for: weasyprint logged no problem
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["cand-01.html",
                                                                          "cand-01.pdf"]


def test_long_code_and_long_words_wrap_inside_the_page(tmp_path):
    import weasyprint
    from weasyprint.formatting_structure.boxes import TextBox

    report = copied()
    line = "x = compute(" + ", ".join(f"arg{i}" for i in range(60)) + ")"
    report.similarity[0].matches[0].mine = "\n".join([line] * 120)
    report.similarity[0].matches[0].theirs = "z" * 700                 # one unbreakable word
    report.integrity = [IntegrityFinding("helper-file-changed", "d/" * 150, "w" * 400)]
    report.evidence = [_check(METRICS, "c", "c", False, "m" * 500)]
    _, pdf_path = rep.write_report(report, tmp_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    html = rep.render_html(report)
    pages, text = _layout_text(html)
    assert pages >= 4 and text.count("arg59") == 120
    overflow = 0.0
    for page in weasyprint.HTML(string=html).render().pages:
        box = page._page_box
        right = box.margin_width() - box.margin_right
        overflow = max([overflow] + [b.position_x + b.width - right
                                     for b in box.descendants() if isinstance(b, TextBox)])
    assert overflow <= 0.5


def test_pdf_rendering_fetches_only_data_urls(monkeypatch, caplog):
    connects: list[object] = []

    def no_connect(self, address):
        connects.append(address)
        raise OSError("network used")

    monkeypatch.setattr(socket.socket, "connect", no_connect)
    caplog.set_level(logging.WARNING, logger="weasyprint")
    pdf = rep.html_to_pdf(
        '<link rel="stylesheet" href="https://example.com/x.css">'
        '<p>hello</p><img src="http://127.0.0.1:9/x.png"><img src="file:///etc/hostname">'
        '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=">')
    assert pdf.startswith(b"%PDF")
    assert connects == []
    refused = " ".join(r.getMessage() for r in caplog.records)
    for url in ("https://example.com/x.css", "http://127.0.0.1:9/x.png", "file:///etc/hostname"):
        assert url in refused
    assert "data:image" not in refused


def test_written_files_follow_the_umask_and_failures_are_one_sentence(tmp_path):
    old = os.umask(0o022)
    try:
        path = rep.write_comparison([strong()], tmp_path / "out")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == [rep.COMPARISON_FILE]   # no temp left
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(rep.ReportError, match=r"^cannot write .*comparison\.html: "):
        rep.write_comparison([strong()], blocker)


def test_an_id_that_is_not_a_file_name_is_refused(tmp_path):
    for bad in ("../evil", "a/b", "", ".hidden", "x" * 200, "cand.."):
        report = strong()
        report.candidate = bad
        with pytest.raises(rep.ReportError, match="cannot be used as a file name"):
            rep.write_report(report, tmp_path / "out")
    assert not (tmp_path / "out").exists() and not (tmp_path / "evil.html").exists()


# -- the comparison page ----------------------------------------------------------------------------

def _comparison_rows(html: str) -> list[str]:
    return re.findall(r'<tr class="candidate" data-candidate="([^"]+)">', html)


def test_comparison_orders_candidates_by_total_and_shows_each():
    reports = [weak(), copied(), flagged(), strong()]
    html = rep.render_comparison_html(reports)
    assert _comparison_rows(html) == ["cand-01", "cand-04", "cand-03", "cand-02"]
    for r in reports:
        assert r.name in html and f'href="{r.candidate}.html"' in html
    body = html[html.index("<tbody>"):]
    assert [m for m in re.findall(r"<strong>([\d.]+%)</strong>", body)] == [
        "90.0%", "83.3%", "66.6%", "40.0%"]
    # one column per skill, with the expected level, in order of first appearance
    head = html[html.index("<thead>"):html.index("</thead>")]
    assert re.findall(r'<th class="n">([^<]+)<div class="meta">expected: mid', head) == [
        "Classification metrics", "Leakage", "Dockerfiles"]
    rows = re.findall(r'<tr class="candidate".*?</tr>', html, flags=re.S)
    assert "90.0% <span class=\"yes\"" in rows[0] and "69.9% <span class=\"no\"" in rows[3]
    assert rows[1].count("—") == 2           # cand-04 has no leakage or docker skill
    assert ">2</td>" in rows[2]              # cand-03's two integrity findings
    assert "cand-07" in rows[1] and "cand-07" not in rows[0]
    assert html.count('<img src="data:image/svg+xml;base64,') == 1
    assert "<script" not in html.lower()


def test_comparison_breaks_ties_by_candidate_id():
    a, b = strong(), strong()
    a.candidate, b.candidate = "cand-b", "cand-a"
    assert _comparison_rows(rep.render_comparison_html([a, b], plots=False)) == ["cand-a",
                                                                                 "cand-b"]


def test_comparison_refuses_what_cannot_be_compared():
    with pytest.raises(rep.ReportError, match="no candidate reports"):
        rep.render_comparison_html([])
    other = weak()
    other.assessment_id = "another"
    with pytest.raises(rep.ReportError, match="different assessments"):
        rep.render_comparison_html([strong(), other])
    with pytest.raises(rep.ReportError, match="more than once"):
        rep.render_comparison_html([strong(), strong()])


def test_write_comparison(tmp_path):
    path = rep.write_comparison([weak(), strong()], tmp_path)
    assert path == tmp_path / rep.COMPARISON_FILE
    assert _comparison_rows(path.read_text(encoding="utf-8")) == ["cand-01", "cand-02"]
