"""The candidate report a hiring manager reads: HTML, a PDF of the same HTML, a comparison page.

Input is :class:`academy.assess.model.CandidateReport`; nothing else is read.
Every string that came from a candidate or a grading record is escaped by the
templates (jinja2 autoescape). Plots are drawn with matplotlib's object API
(no pyplot, so no global figure registry and no backend switch in the caller's
process) and embedded as ``data:`` SVG images; the PDF is made by weasyprint
from the very same HTML with a URL fetcher that refuses anything but
``data:`` URLs, so rendering never touches the network or the file system.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import math
import os
import re
import secrets
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jinja2

from academy.assess.model import (
    CandidateReport,
    CheckEvidence,
    ExerciseOutcome,
    SkillScore,
)

MEETS_MIN_FRACTION = 0.7
"""The one rule for "meets": at least this fraction of a skill's points, and the exercises
assess the skill at the expected level or above."""

MEETS_RULE = (
    f"A skill meets the expected level when the candidate earned at least "
    f"{MEETS_MIN_FRACTION:.0%} of its points and the assessment's exercises test it at "
    f"the expected level or above.")

LEVEL_NAMES = {1: "junior", 2: "mid", 3: "senior"}
COMPARISON_FILE = "comparison.html"

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_SAFE_FILE_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


class ReportError(ValueError):
    """The reports cannot be written as asked; the message is one sentence for the user."""


# -- the rule and the summary -------------------------------------------------------------

def meets(skill: SkillScore) -> bool:
    """True when *skill* meets its expected level under :data:`MEETS_RULE`."""
    return skill.fraction >= MEETS_MIN_FRACTION and skill.assessed_level >= skill.expected_level


def level_name(level: int) -> str:
    return LEVEL_NAMES.get(level, f"level {level}")


def flagged_with(report: CandidateReport) -> list[str]:
    """The other candidates a similarity finding names, in order of first appearance."""
    return list(dict.fromkeys(f.other for f in report.similarity))


def summary_line(report: CandidateReport) -> str:
    """The sentence a hiring manager acts on, e.g. ``Meets the mid level on 4 of 6 skills;
    integrity: 1 finding; similarity: flagged with cand-07``."""
    parts: list[str] = []
    if report.submitted_at is None:
        parts.append("Not submitted")
    if report.skills:
        met = sum(meets(s) for s in report.skills)
        parts.append(f"Meets the {level_name(report.level)} level on {met} of "
                     f"{len(report.skills)} skill{'' if len(report.skills) == 1 else 's'}")
    else:
        parts.append("No skills assessed")
    n = len(report.integrity)
    parts.append(f"integrity: {n} finding{'' if n == 1 else 's'}" if n
                 else "integrity: no findings")
    others = flagged_with(report)
    parts.append(f"similarity: flagged with {', '.join(others)}" if others
                 else "similarity: nothing flagged")
    return "; ".join(parts)


# -- formatting -----------------------------------------------------------------------------

def pct(fraction: float) -> str:
    """A fraction as a percentage with one decimal, rounded down, so that a score just
    under the bar never displays as the bar itself (0.6999 is 69.9%, not 70.0%)."""
    tenths = math.floor(round(fraction * 1000, 6))
    return f"{tenths / 10:.1f}%"


def num(value: float) -> str:
    """Points with at most two decimals, rounded down like :func:`pct` (6.999 is 6.99), no
    trailing zeros."""
    hundredths = math.floor(round(value * 100, 6))
    text = f"{hundredths / 100:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def when(value: str | None) -> str:
    """An ISO 8601 time as ``2025-03-01 09:00 UTC``; other text is shown as it is."""
    if not value:
        return "—"
    stamp = _parse_time(value)
    if stamp is None:
        return value
    if stamp.utcoffset() == timedelta(0):
        return stamp.strftime("%Y-%m-%d %H:%M UTC")
    return stamp.isoformat(sep=" ", timespec="minutes")


def _parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _minutes(value: float | None) -> str:
    if value is None:
        return "—"
    whole = round(value)
    if whole < 60:
        return f"{whole} min"
    return f"{whole} min ({whole // 60} h {whole % 60:02d} min)"


def _late(report: CandidateReport) -> bool:
    if report.submitted_at is None:
        return False
    sub, dead = _parse_time(report.submitted_at), _parse_time(report.deadline)
    if sub is None or dead is None or (sub.tzinfo is None) != (dead.tzinfo is None):
        return False
    return sub > dead


# -- what the templates see -------------------------------------------------------------------

@dataclass
class _ExerciseEvidence:
    exercise: str
    title: str
    checks: list[CheckEvidence]


@dataclass
class _Provenance:
    exercise: str
    grader_version: str
    image_digest: str


def _evidence_by_exercise(report: CandidateReport) -> list[_ExerciseEvidence]:
    titles = {e.exercise: e.title for e in report.exercises}
    groups: dict[str, list[CheckEvidence]] = {e.exercise: [] for e in report.exercises}
    for check in report.evidence:
        groups.setdefault(check.exercise, []).append(check)
    return [_ExerciseEvidence(key, titles.get(key, key), checks)
            for key, checks in groups.items()]


def _record_text(record: dict[str, Any] | None, *path: str) -> str:
    value: Any = record
    for key in path:
        if not isinstance(value, dict):
            return ""
        value = value.get(key)
    return value if isinstance(value, str) else ""


def _provenance(exercises: Iterable[ExerciseOutcome]) -> list[_Provenance]:
    return [_Provenance(e.exercise, _record_text(e.record, "grader_version") or "—",
                        _record_text(e.record, "sandbox", "image_digest") or "—")
            for e in exercises if e.record is not None]


@functools.cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(pct=pct, num=num, when=when, level=level_name)
    env.globals.update(meets=meets)
    return env


# -- plots ------------------------------------------------------------------------------------

def _svg_data_url(fig: Any) -> str:
    """The figure as a ``data:image/svg+xml`` URL; text is drawn as paths (no fonts needed)
    and the output is byte-for-byte reproducible."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "academy-report"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue().encode()).decode()


_GREEN, _RED, _GREY = "#2da44e", "#cf222e", "#d1d9e0"


def skills_plot(skills: list[SkillScore]) -> str:
    """Skill % as horizontal bars with a line at the bar, as a ``data:`` SVG URL."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    fig = Figure(figsize=(7.0, 0.4 * len(skills) + 1.4), layout="constrained")
    ax = fig.add_subplot()
    rows = list(reversed(skills))          # first skill on top
    values = [100 * s.fraction for s in rows]
    ax.barh(range(len(rows)), values, height=0.6,
            color=[_GREEN if meets(s) else _RED for s in rows])
    ax.set_yticks(range(len(rows)), [s.title for s in rows], parse_math=False)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(0, 108)
    bar = 100 * MEETS_MIN_FRACTION
    ax.axvline(bar, color="#1f2328", linestyle="--", linewidth=1.2)
    ax.text(bar, 1.01, f"{MEETS_MIN_FRACTION:.0%} bar", transform=ax.get_xaxis_transform(),
            fontsize=8, va="bottom", ha="center", parse_math=False)
    for y, value in enumerate(values):
        ax.text(min(value, 100) + 1, y, pct(value / 100), va="center", fontsize=8,
                parse_math=False)
    ax.set_xlabel("score on the exercises that assess the skill (%)", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(handles=[Patch(color=_GREEN, label="meets the expected level"),
                        Patch(color=_RED, label="does not meet it")],
               loc="outside lower center", ncols=2, frameon=False, fontsize=8)
    return _svg_data_url(fig)


def comparison_plot(skills: list[tuple[str, str]], reports: list[CandidateReport]) -> str:
    """A heat map of skill % (rows: *skills* as ``(id, title)``; columns: candidates in the
    given order), as a ``data:`` SVG URL. A cell that meets the level carries a check mark;
    a skill a report lacks is grey."""
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.figure import Figure

    grid = np.full((len(skills), len(reports)), np.nan)
    labels = [["—"] * len(reports) for _ in skills]
    for j, report in enumerate(reports):
        by_id = {s.skill: s for s in report.skills}
        for i, (skill_id, _) in enumerate(skills):
            if skill_id in by_id:
                score = by_id[skill_id]
                grid[i, j] = 100 * score.fraction
                labels[i][j] = pct(score.fraction)[:-1] + (" ✓" if meets(score) else "")
    fig = Figure(figsize=(min(2.4 + 0.9 * len(reports), 16), 1.3 + 0.45 * len(skills)),
                 layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(grid), vmin=0, vmax=100, aspect="auto",
                      cmap=colormaps["RdYlGn"].with_extremes(bad=_GREY))
    ax.set_xticks(range(len(reports)), [r.candidate for r in reports], rotation=45,
                  ha="right", parse_math=False)
    ax.set_yticks(range(len(skills)), [title for _, title in skills], parse_math=False)
    for i in range(len(skills)):
        for j in range(len(reports)):
            value = grid[i, j]
            ax.text(j, i, labels[i][j], ha="center", va="center", fontsize=8, parse_math=False,
                    color="#1f2328" if math.isnan(value) or 25 < value < 85 else "white")
    fig.colorbar(image, ax=ax, label="skill score (%)", shrink=0.8)
    return _svg_data_url(fig)


# -- one candidate ------------------------------------------------------------------------------

def render_html(report: CandidateReport, *, plots: bool = True) -> str:
    """The candidate's report as one self-contained HTML page (no scripts, nothing fetched)."""
    provenance = _provenance(report.exercises)
    return _env().get_template("assess/report.html.j2").render(
        r=report,
        level=level_name(report.level),
        summary=summary_line(report),
        rule=MEETS_RULE,
        bar=f"{MEETS_MIN_FRACTION:.0%}",
        minutes=_minutes(report.minutes_spent),
        late=_late(report),
        plot=skills_plot(report.skills) if plots and report.skills else None,
        evidence=_evidence_by_exercise(report),
        similarity=report.similarity,
        provenance=provenance,
        versions=sorted({p.grader_version for p in provenance} - {"—"}),
    )


def html_to_pdf(html: str) -> bytes:
    """A PDF of *html* (its print CSS applies), fetching nothing but ``data:`` URLs."""
    import weasyprint

    return weasyprint.HTML(string=html, url_fetcher=_data_only_fetcher()).write_pdf()


def write_report(report: CandidateReport, out_dir: Path) -> tuple[Path, Path]:
    """Write out_dir/<candidate>.html and out_dir/<candidate>.pdf; return both paths."""
    stem = _file_stem(report.candidate)
    html = render_html(report)
    pdf = html_to_pdf(html)
    html_path, pdf_path = out_dir / f"{stem}.html", out_dir / f"{stem}.pdf"
    _write_atomic(html_path, html.encode("utf-8"))
    _write_atomic(pdf_path, pdf)
    return html_path, pdf_path


# -- several candidates ---------------------------------------------------------------------------

@dataclass
class _ComparisonRow:
    rank: int
    report: CandidateReport
    href: str
    cells: list[SkillScore | None]
    met: int
    flagged: list[str]


def rank(reports: list[CandidateReport]) -> list[CandidateReport]:
    """Highest total first; ties by weighted points, then candidate id."""
    return sorted(reports, key=lambda r: (-r.fraction, -r.total, r.candidate))


def _check_comparable(reports: list[CandidateReport]) -> None:
    if not reports:
        raise ReportError("there are no candidate reports to compare")
    assessments = sorted({r.assessment_id for r in reports})
    if len(assessments) > 1:
        raise ReportError(f"the reports belong to different assessments "
                          f"({', '.join(assessments)}); compare one assessment at a time")
    seen: set[str] = set()
    for r in reports:
        if r.candidate in seen:
            raise ReportError(f"candidate {r.candidate!r} appears more than once")
        seen.add(r.candidate)


def render_comparison_html(reports: list[CandidateReport], *, plots: bool = True) -> str:
    """One page comparing the candidates of one assessment, best total first."""
    _check_comparable(reports)
    ordered = rank(reports)
    skills: dict[str, SkillScore] = {}
    for r in ordered:
        for s in r.skills:
            skills.setdefault(s.skill, s)
    columns = list(skills.values())
    rows = []
    for n, r in enumerate(ordered, start=1):
        by_id = {s.skill: s for s in r.skills}
        rows.append(_ComparisonRow(
            rank=n, report=r, href=urllib.parse.quote(f"{r.candidate}.html"),
            cells=[by_id.get(s.skill) for s in columns],
            met=sum(meets(s) for s in r.skills), flagged=flagged_with(r)))
    first = ordered[0]
    plot = (comparison_plot([(s.skill, s.title) for s in columns], ordered)
            if plots and columns else None)
    return _env().get_template("assess/comparison.html.j2").render(
        first=first, level=level_name(first.level), rule=MEETS_RULE,
        columns=columns, rows=rows, plot=plot)


def write_comparison(reports: list[CandidateReport], out_dir: Path) -> Path:
    """Write out_dir/comparison.html (links to <candidate>.html beside it); return its path."""
    html = render_comparison_html(reports)
    path = out_dir / COMPARISON_FILE
    _write_atomic(path, html.encode("utf-8"))
    return path


# -- files and fetching ---------------------------------------------------------------------------

def _file_stem(candidate: str) -> str:
    if not _SAFE_FILE_STEM.fullmatch(candidate) or candidate.endswith("."):
        raise ReportError(f"candidate id {candidate!r} cannot be used as a file name "
                          f"(use letters, digits, '.', '_' and '-', at most 128)")
    return candidate


def _write_atomic(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of one (the umask applies)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _data_only_fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):
        """Serves ``data:`` URLs and refuses every other URL (http, https, file, ...)."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.lower().startswith("data:"):
                raise ValueError(f"the report renderer fetches only data: URLs, not {url[:80]}")
            return super().fetch(url, headers)

    return DataOnlyFetcher(allowed_protocols=("data",))


__all__ = [
    "COMPARISON_FILE", "LEVEL_NAMES", "MEETS_MIN_FRACTION", "MEETS_RULE", "ReportError",
    "comparison_plot", "flagged_with", "html_to_pdf", "level_name",
    "meets", "num", "pct", "rank", "render_comparison_html", "render_html", "skills_plot",
    "summary_line", "when", "write_comparison", "write_report",
]
