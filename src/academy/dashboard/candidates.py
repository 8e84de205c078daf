"""The dashboard's comparison of an assessment's candidates (``candidates.json``).

``academy assess grade`` writes every candidate's report data to
``ASSESSMENT/candidates.json``; this reads it back and lays the candidates side
by side: total, each skill against the role's expected level, integrity
findings and similarity flags, best total first — the same ranking and rule as
the reports' own ``comparison.html``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from academy.assess.model import CandidateReport, report_from_dict
from academy.dashboard.data import DashboardError

CANDIDATES_FILE = "candidates.json"
ASSESSMENTS_ENV = "ACADEMY_DASHBOARD_ASSESSMENTS"
"""JSON list of assessment folders whose candidates the dashboard compares."""


def from_env(environ: dict[str, str] | None = None) -> list[list[CandidateReport]]:
    """The candidates of every assessment the environment names (one list each)."""
    import os

    env = dict(os.environ) if environ is None else environ
    try:
        folders = json.loads(env.get(ASSESSMENTS_ENV) or "[]")
    except ValueError:
        raise DashboardError(f"{ASSESSMENTS_ENV} is not a JSON list of folders") from None
    return [load_candidates(Path(folder)) for folder in folders]


def load_candidates(assessment: Path) -> list[CandidateReport]:
    path = assessment / CANDIDATES_FILE
    if not path.is_file():
        raise DashboardError(f"{assessment} holds no graded assessment (no {CANDIDATES_FILE}); "
                             "run 'academy assess grade' first")
    try:
        rows = json.loads(path.read_text())
        reports = [report_from_dict(r) for r in rows]
    except (ValueError, TypeError, KeyError) as exc:
        raise DashboardError(f"{path} is damaged ({type(exc).__name__}); grade again") from None
    if not reports:
        raise DashboardError(f"{path} lists no candidates")
    return reports


def comparison_frame(reports: list[CandidateReport]) -> pd.DataFrame:
    """One row per candidate, best total first; one column per skill (percent, met or not)."""
    from academy.assess.report import meets, pct, rank

    skills: dict[str, str] = {}
    for rep in reports:
        for s in rep.skills:
            skills.setdefault(s.skill, s.title)
    rows = []
    for n, rep in enumerate(rank(reports), start=1):
        by_id = {s.skill: s for s in rep.skills}
        row: dict[str, object] = {"rank": n, "candidate": rep.candidate, "name": rep.name,
                                  "total": pct(rep.fraction),
                                  "points": f"{rep.total:g} / {rep.max_total:g}"}
        for skill_id, title in skills.items():
            score = by_id.get(skill_id)
            row[title] = "—" if score is None else \
                f"{pct(score.fraction)} {'✓' if meets(score) else '✗'}"
        row["skills met"] = f"{sum(meets(s) for s in rep.skills)} / {len(rep.skills)}"
        row["integrity findings"] = len(rep.integrity)
        row["similar to"] = ", ".join(sorted({f.other for f in rep.similarity})) or "—"
        row["minutes"] = rep.minutes_spent if rep.minutes_spent is not None else "—"
        rows.append(row)
    return pd.DataFrame(rows)


def comparison_html(reports: list[CandidateReport]) -> str:
    """The comparison table and the skills heat map, as a fragment for the dashboard."""
    from academy.assess.report import MEETS_RULE, comparison_plot, rank

    first = reports[0]
    frame = comparison_frame(reports)
    columns = {s.skill: s.title for r in reports for s in r.skills}
    plot = comparison_plot(list(columns.items()), rank(reports))
    return (f'<div class="academy-candidates"><p><b>{html.escape(first.assessment_title)}</b> '
            f"({html.escape(first.role)}, level {first.level}): {len(reports)} candidates, best "
            f"total first. {html.escape(MEETS_RULE)}</p>"
            + frame.to_html(index=False, escape=True, classes="academy-candidates-table",
                            border=0)
            + f'<p><img class="academy-candidates-plot" alt="skills by candidate" '
              f'src="{plot}"></p></div>')
