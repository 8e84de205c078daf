"""``academy assess create|issue|grade``: hiring assessments."""

from __future__ import annotations

from pathlib import Path

import click

from academy.clitools import UserError, root_option


@click.group("assess")
def assess() -> None:
    """Hiring assessments: per-candidate bundles, sandboxed grading, reports."""


@assess.command("create")
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The assessment's folder (must not hold one already).")
@root_option
def create_cmd(root: Path, spec: Path, out: Path) -> None:
    """Resolve SPEC.yaml against the catalog and prepare the starter notebooks."""
    from academy.assess.bundle import AssessError, create
    from academy.catalog.load import Catalog

    try:
        made = create(spec, out, Catalog.load(root))
    except AssessError as exc:
        raise UserError(str(exc)) from exc
    exercises = ", ".join(e["key"] for e in made.data["exercises"])
    click.echo(f"assessment {made.id} in {out}: {exercises}; "
               f"{made.data['time_limit_minutes']} minutes")


@assess.command("issue")
@click.argument("assessment", type=click.Path(file_okay=False, path_type=Path))
@click.option("--candidates", type=click.Path(path_type=Path), required=True,
              help="CSV (id,name[,email]) or YAML list of candidates.")
@click.option("--start", default=None,
              help="When the clock starts, ISO 8601 (default: now).")
@root_option
def issue_cmd(root: Path, assessment: Path, candidates: Path, start: str | None) -> None:
    """One bundle (folder and zip) and one signed manifest per candidate."""
    from academy.assess.bundle import AssessError, Assessment, issue, parse_time, read_candidates
    from academy.catalog.load import Catalog

    try:
        made = issue(Assessment.open(assessment), read_candidates(candidates), Catalog.load(root),
                     start=parse_time(start) if start else None)
    except AssessError as exc:
        raise UserError(str(exc)) from exc
    click.echo(f"issued {len(made)} new bundle(s) in {assessment / 'issued'}"
               + ("" if made else " (every candidate had one already)"))


@assess.command("grade")
@click.argument("assessment", type=click.Path(file_okay=False, path_type=Path))
@click.option("--submissions", type=click.Path(path_type=Path), required=True,
              help="Folder with <candidate>/ folders or <candidate>.zip files.")
@click.option("--unsafe-local", is_flag=True,
              help="Run candidates' code on this machine without Docker (not recommended).")
@root_option
def grade_cmd(root: Path, assessment: Path, submissions: Path, unsafe_local: bool) -> None:
    """Grade in the Docker sandbox; check integrity, deadline, similarity; write reports."""
    from academy.assess.bundle import AssessError, Assessment
    from academy.assess.grade import grade_assessment
    from academy.assess.report import ReportError
    from academy.catalog.load import Catalog
    from academy.grading.sandbox import SandboxUnavailable, choose_sandbox

    try:
        box = choose_sandbox("local" if unsafe_local else "docker", root, untrusted=True,
                             unsafe_local=unsafe_local)
        reports = grade_assessment(Assessment.open(assessment), submissions,
                                   Catalog.load(root), sandbox=box, progress=click.echo)
    except (AssessError, SandboxUnavailable, ReportError) as exc:
        raise UserError(str(exc)) from exc
    for rep in sorted(reports, key=lambda r: -r.fraction):
        flags = [f.kind for f in rep.integrity] + [f"similar to {s.other}" for s in rep.similarity]
        click.echo(f"{rep.candidate:<20} {rep.total:g}/{rep.max_total:g}"
                   + (f"  [{', '.join(flags)}]" if flags else ""))
    click.echo(f"reports in {assessment / 'reports'} (comparison.html compares the candidates)")
