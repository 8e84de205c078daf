"""``academy``: a thin command line. Each command parses, delegates and reports.

User mistakes end with one sentence on stderr and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from academy.catalog.load import Catalog, CatalogError
from academy.clitools import UserError, root_option


def load_catalog(root: Path) -> Catalog:
    try:
        return Catalog.load(root)
    except CatalogError as exc:
        raise UserError(f"{exc} (run 'academy lint' for every problem)") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ml-engineering-academy")
def main() -> None:
    """The ML Engineering Academy toolkit: lint, build, grade, serve."""


@main.command()
@root_option
def lint(root: Path) -> None:
    """Check the whole catalog; list every problem and fail if there is one."""
    from academy.catalog.lint import lint as run_lint

    problems = run_lint(root)
    for problem in problems:
        click.echo(problem)
    if problems:
        raise UserError(f"{len(problems)} problem(s) in the catalog")
    catalog = Catalog.load(root)
    click.echo(f"catalog OK: {len(catalog.modules)} module(s), "
               f"{len(catalog.exercises())} exercise(s)")


@main.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path), required=False)
@root_option
def schema(root: Path, out: Path | None) -> None:
    """Write the JSON schemas generated from the models (module.yaml, skills, results)."""
    from academy.schemas import write_all

    for path in write_all(root):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("exercise")
@click.option("--seed", type=int, default=None, help="Seed of the hidden inputs (default: random).")
@root_option
def verify(root: Path, exercise: str, seed: int | None) -> None:
    """Prove one exercise's grader against its model, student, wrong and alternative solutions."""
    from academy.grading.engine import Grader
    from academy.grading.verify import verify_exercise

    catalog = load_catalog(root)
    try:
        entry = catalog.exercise(exercise)
    except CatalogError as exc:
        raise UserError(str(exc)) from exc
    seed = secrets.randbelow(2**31) if seed is None else seed
    result = verify_exercise(Grader(catalog, seed=seed), entry)
    for name, record in result.results.items():
        click.echo(f"{name:50s} {record.score:6g}/{record.max_score:g}  {record.status}")
    for problem in result.problems:
        click.echo(f"PROBLEM: {problem}")
    if not result.ok:
        raise UserError(f"{entry.key} fails verification (seed {seed})")
    click.echo(f"{entry.key} verified (seed {seed})")


@main.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--exercise", help="module/exercise id written into the notebook's metadata.")
@click.option("--to-script", is_flag=True, help="Print a notebook as a percent-format script.")
def author(source: Path, out: Path | None, exercise: str | None, to_script: bool) -> None:
    """Turn a percent-format script into an nbgrader source notebook (or back)."""
    import nbformat

    from academy.authoring import AuthoringError, notebook_to_script, script_to_notebook

    if to_script:
        try:
            click.echo(notebook_to_script(nbformat.read(source, as_version=4)))
        except Exception as exc:  # noqa: BLE001 - any unreadable notebook
            raise UserError(f"{source} is not a readable notebook ({type(exc).__name__})") from exc
        return
    if out is None or exercise is None:
        raise UserError("give the output notebook path and --exercise module/exercise")
    try:
        nb = script_to_notebook(source.read_text(), exercise)
    except AuthoringError as exc:
        raise UserError(f"{source}: {exc}") from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(nbformat.writes(nb) + "\n")
    click.echo(f"wrote {out}")


@main.group()
def build() -> None:
    """Build learner notebooks or the site."""


@build.command("student")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/student"), show_default=True, help="Output folder.")
@click.option("--exercise", default=None, help="Only this exercise (module/exercise or id).")
@root_option
def build_student(root: Path, out: Path, exercise: str | None) -> None:
    """Generate student notebooks with nbgrader, plus their check()/hint() helpers."""
    from academy.build.student import BuildError, build_all

    catalog = load_catalog(root)
    try:
        builds = build_all(catalog, out, exercise)
    except (BuildError, CatalogError) as exc:
        raise UserError(str(exc)) from exc
    for b in builds:
        click.echo(f"{b.exercise}: {b.notebook}")


@build.command("site")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/site"), show_default=True, help="Where the HTML goes.")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build"), show_default=True,
              help="Folder for generated sources and the vendored mermaid.")
@root_option
def build_site_cmd(root: Path, out: Path, work: Path) -> None:
    """Render lessons, module pages and notebook downloads with mkdocs-material (--strict)."""
    from academy.build.site import SiteError, build_site
    from academy.build.student import BuildError

    catalog = load_catalog(root)
    try:
        build_site(catalog, out, work)
    except (SiteError, BuildError) as exc:
        raise UserError(str(exc)) from exc
    click.echo(f"site built in {out}")


@main.command()
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/site"), show_default=True, help="Built site to serve.")
@click.option("--port", type=int, default=8000, show_default=True)
def serve(directory: Path, port: int) -> None:
    """Serve a built site on 127.0.0.1 until interrupted."""
    from academy.serve import serve_forever

    if not (directory / "index.html").is_file():
        raise UserError(f"{directory} holds no built site; run 'academy build site' first")
    serve_forever(directory, port)


def sandbox_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Shared options choosing where student code runs."""
    func = click.option("--unsafe-local", is_flag=True,
                        help="Allow the local sandbox for untrusted submissions.")(func)
    func = click.option("--untrusted", is_flag=True,
                        help="The submissions come from strangers: refuse the local sandbox.")(func)
    func = click.option("--sandbox", type=click.Choice(["docker", "local"]), default=None,
                        help="Where student code runs (default: docker when an engine "
                             "answers, else local).")(func)
    return func


def make_sandbox(root: Path, sandbox: str | None, untrusted: bool, unsafe_local: bool) -> Any:
    from academy.grading.sandbox import SandboxUnavailable, choose_sandbox

    try:
        return choose_sandbox(sandbox, root, untrusted=untrusted, unsafe_local=unsafe_local)
    except SandboxUnavailable as exc:
        raise UserError(str(exc)) from exc


@main.command()
@click.argument("submissions", type=click.Path(path_type=Path))
@click.option("--exercise", default=None,
              help="Exercise to grade against (default: read from each notebook's metadata).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/grades"), show_default=True, help="Output folder.")
@click.option("--seed", type=int, default=None,
              help="Seed of the hidden inputs (default: random, stored in OUT/batch.json).")
@click.option("-j", "--jobs", type=int, default=None,
              help="Sandboxes run at once (default: the number of cores).")
@sandbox_options
@click.option("--quiet", is_flag=True, help="No progress bar or table.")
@root_option
def grade(root: Path, submissions: Path, exercise: str | None, out: Path, seed: int | None,
          jobs: int | None, sandbox: str | None, untrusted: bool, unsafe_local: bool,
          quiet: bool) -> None:
    """Grade notebooks or archives (a file or a folder); write records, feedback, gradebook, CSV."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from academy.grading.batch import BatchError, default_jobs, grade_batch

    catalog = load_catalog(root)
    box = make_sandbox(root, sandbox, untrusted, unsafe_local)
    console = Console(stderr=True, quiet=quiet)
    try:
        with Progress("[progress.description]{task.description}", BarColumn(),
                      MofNCompleteColumn(), TaskProgressColumn(),
                      "[progress.data.speed]{task.fields[rate]}", TimeElapsedColumn(), "ETA",
                      TimeRemainingColumn(), console=console, transient=True) as bar:
            task = bar.add_task("grading", total=None, rate="")

            def started(todo: int, reused: int) -> None:
                bar.update(task, total=todo)
                if reused:
                    console.print(f"reusing {reused} finished result(s) from {out}")

            def tick(sub: Any, result: Any, skipped: bool) -> None:
                if skipped:
                    return
                bar.advance(task)
                elapsed = bar.tasks[0].elapsed or 0.0
                done = bar.tasks[0].completed
                rate = f"{60 * done / elapsed:.1f}/min" if elapsed > 0 else ""
                bar.update(task, description=f"graded {sub.id}", rate=rate)

            report = grade_batch(catalog, submissions, out, exercise=exercise, seed=seed,
                                 sandbox=box, jobs=default_jobs() if jobs is None else jobs, progress=tick,
                                 on_start=started)
    except BatchError as exc:
        raise UserError(str(exc)) from exc
    if not quiet:
        print_table(report.results)
    click.echo(f"graded {len(report.results) - report.skipped}, reused {report.skipped} "
               f"finished result(s) with the {box.kind} sandbox; seed {report.seed}; records "
               f"in {out / 'results'}, summary {out / 'summary.csv'}")


@main.group()
def env() -> None:
    """Reproducible environments: lock, build and list their Docker images."""


def _envs(root: Path) -> Any:
    from academy.environments import EnvError, Environments

    try:
        return Environments(root)
    except EnvError as exc:
        raise UserError(str(exc)) from exc


@env.command("list")
@click.option("--base-image", default=None,
              help="Base image the tags are computed for (default: python:3.11-slim).")
@root_option
def env_list(root: Path, base_image: str | None) -> None:
    """Show each environment, its tag, whether it is built, and its size."""
    from rich.console import Console
    from rich.table import Table

    from academy.environments import DEFAULT_BASE_IMAGE, EnvError, docker_client, status

    envs = _envs(root)
    try:
        rows = status(envs, docker_client(), base_image or DEFAULT_BASE_IMAGE)
    except EnvError as exc:
        raise UserError(str(exc)) from exc
    table = Table(title=f"Environments (base image {base_image or DEFAULT_BASE_IMAGE})")
    for col in ("environment", "extends", "tag", "built", "size"):
        table.add_column(col)
    for row in rows:
        table.add_row(row.name, row.parent or "-", row.tag, "yes" if row.built else "no",
                      f"{row.size_mb:.0f} MB" if row.size_mb is not None else "-")
    Console(width=140).print(table)


@env.command("build")
@click.argument("names", nargs=-1)
@click.option("--base-image", default=None,
              help="Image the root environments start from (default: python:3.11-slim).")
@click.option("--ca-bundle", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="CA certificates for pip inside the build (TLS-intercepting proxies).")
@click.option("--wheelhouse", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of wheels served to pip during the build (offline installs).")
@click.option("--force", is_flag=True, help="Rebuild even when the tag exists.")
@click.option("--quiet", is_flag=True, help="Do not show the build output.")
@root_option
def env_build(root: Path, names: tuple[str, ...], base_image: str | None,
              ca_bundle: Path | None, wheelhouse: Path | None, force: bool, quiet: bool) -> None:
    """Build NAMES (default: every environment); unchanged ones are not rebuilt."""
    from academy.environments import DEFAULT_BASE_IMAGE, EnvError, build, docker_client

    envs = _envs(root)
    try:
        client = docker_client()
        for name in names or tuple(envs.envs):
            for env_name, tag, built in build(
                    envs, name, client=client, base_image=base_image or DEFAULT_BASE_IMAGE,
                    ca_bundle=ca_bundle, wheelhouse=wheelhouse, force=force,
                    log=(lambda line: None) if quiet else click.echo):
                if built:
                    click.echo(f"{env_name}: built {tag}")
    except EnvError as exc:
        raise UserError(str(exc)) from exc


@env.command("lock")
@click.argument("names", nargs=-1)
@click.option("--ca-bundle", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--wheelhouse", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of wheels pip may take packages from (e.g. a CPU build of torch).")
@root_option
def env_lock(root: Path, names: tuple[str, ...], ca_bundle: Path | None,
             wheelhouse: Path | None) -> None:
    """Pin requirements.in with hashes into requirements.lock (needs pip-tools)."""
    from academy.environments import EnvError, lock

    envs = _envs(root)
    try:
        for name in names or tuple(envs.envs):
            lock(envs.get(name), wheelhouse=wheelhouse, ca_bundle=ca_bundle)
            click.echo(f"{name}: locked {envs.get(name).lockfile}")
    except EnvError as exc:
        raise UserError(str(exc)) from exc


@env.command("bootstrap-base")
@click.option("--tag", default=None, help="Image name (default: academy/debian-base:bookworm).")
@click.option("--mirror", default="http://deb.debian.org/debian", show_default=True)
def env_bootstrap_base(tag: str | None, mirror: str) -> None:
    """Build a Debian base image with debootstrap, for machines with no registry (root)."""
    from academy.environments import BOOTSTRAP_IMAGE, EnvError, bootstrap_base, docker_client

    try:
        image_id = bootstrap_base(docker_client(), tag=tag or BOOTSTRAP_IMAGE, mirror=mirror,
                                  log=click.echo)
    except EnvError as exc:
        raise UserError(str(exc)) from exc
    click.echo(f"{tag or BOOTSTRAP_IMAGE}: {image_id}; build with "
               f"--base-image {tag or BOOTSTRAP_IMAGE}")


@main.group()
def lab() -> None:
    """The lab: where learners' Dockerfiles are built offline and their services probed."""


@lab.command("prepare")
@click.option("--find-links", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="A folder of wheels to take before the index.")
@click.option("--quiet", is_flag=True, help="Say nothing when all is ready.")
@root_option
def lab_prepare(root: Path, find_links: Path | None, quiet: bool) -> None:
    """Build the Python stand-in image and download the lab's wheelhouse (reused if ready)."""
    from academy.lab.lab import LabError
    from academy.lab.provider import prepare

    try:
        provider = prepare(root, log=(lambda s: None) if quiet else click.echo,
                           find_links=find_links)
    except LabError as exc:
        raise UserError(str(exc)) from exc
    if not quiet:
        click.echo(f"lab ready: stand-in {provider.standin}, helper {provider.helper_image}, "
                   f"wheelhouse {provider.wheelhouse}")


@main.command()
@click.option("--serve/--no-serve", default=True, show_default=True,
              help="Serve the site on 127.0.0.1 at the end (CI passes --no-serve).")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--cohort", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Cohort description (default: demo/cohort-m04.yaml).")
@click.option("--seed", type=int, default=20261123, show_default=True)
@click.option("--build", "build_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Output folder (default: build/ in the content root).")
@click.option("--sandbox", type=click.Choice(["docker", "local"]), default=None,
              help="Where student code runs (default: docker when an engine answers).")
@root_option
def demo(root: Path, serve: bool, port: int, cohort: Path | None, seed: int,
         build_dir: Path | None, sandbox: str | None) -> None:
    """Lint, build notebooks and site, grade the sample cohort, print scores, serve."""
    import shutil
    import time

    from academy.build.site import SiteError, build_site
    from academy.build.student import BuildError, build_all
    from academy.catalog.lint import lint as run_lint
    from academy.demo import make_cohort
    from academy.grading.batch import BatchError, default_jobs, grade_batch

    build = build_dir or root / "build"
    problems = run_lint(root)
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        raise UserError(f"the catalog has {len(problems)} problem(s); the demo needs a clean one")
    catalog = load_catalog(root)
    click.echo(f"1/5 catalog OK: {len(catalog.modules)} module(s), "
               f"{len(catalog.exercises())} exercise(s)")
    try:
        builds = build_all(catalog, build / "student")
        click.echo(f"2/5 student notebooks: {len(builds)} in {build / 'student'}")
        build_site(catalog, build / "site", build)
        click.echo(f"3/5 site built in {build / 'site'}")
    except (BuildError, SiteError) as exc:
        raise UserError(str(exc)) from exc
    learners = make_cohort(catalog, cohort or root / "demo" / "cohort-m04.yaml",
                           build / "demo" / "cohort", build / "demo" / "student")
    out = build / "demo" / "grades"
    if out.exists():
        shutil.rmtree(out)
    box = make_sandbox(root, sandbox, untrusted=False, unsafe_local=False)
    started = time.monotonic()
    try:
        report = grade_batch(catalog, build / "demo" / "cohort", out, seed=seed, sandbox=box,
                             jobs=default_jobs())
    except BatchError as exc:
        raise UserError(str(exc)) from exc
    click.echo(f"4/5 graded {len(report.results)} submissions in "
               f"{time.monotonic() - started:.1f} s in the {box.kind} sandbox, "
               f"{default_jobs()} at a time; records, feedback pages, gradebook and "
               f"summary.csv in {out}")
    by_id = {r.submission_id: r for r in report.results}
    mismatches = print_cohort(learners, by_id)
    if mismatches:
        raise UserError(f"{mismatches} submission(s) did not get the score they deserve")
    click.echo("5/5 every submission got the score it deserves")
    from academy.assess.bundle import AssessError
    from academy.assess.sample import sample_assessment

    try:
        reports = sample_assessment(catalog, build / "demo" / "assessment", sandbox=box)
    except AssessError as exc:
        raise UserError(str(exc)) from exc
    flagged = sorted({r.candidate for r in reports if r.similarity})
    click.echo(f"sample assessment: {len(reports)} candidates graded; reports (HTML and PDF) "
               f"in {build / 'demo' / 'assessment' / 'assessment' / 'reports'}; "
               f"flagged as similar: {', '.join(flagged) or 'nobody'}")
    if not serve:
        click.echo(f"cohort dashboard: academy dashboard {out}")
        return
    from academy.dashboard.data import DashboardError
    from academy.dashboard.serve import serve as serve_dashboard
    from academy.dashboard.serve import stop as stop_dashboard
    from academy.dashboard.serve import wait_until_ready
    from academy.serve import serve_forever

    board = None
    try:
        board = serve_dashboard([out], 8866 if port != 8866 else 8867, root=root)
        wait_until_ready(board)
        click.echo(f"cohort dashboard of the sample cohort at {board.url}")
    except DashboardError as exc:
        click.echo(f"the cohort dashboard did not start ({exc}); try: academy dashboard {out}",
                   err=True)
    try:
        serve_forever(build / "site", port)
    finally:
        if board is not None:
            stop_dashboard(board)


def print_cohort(learners: list[Any], by_id: dict[str, Any]) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Sample cohort")
    for col in ("learner", "exercise", "what they did", "score", "deserved", "status / reason"):
        table.add_column(col)
    mismatches = 0
    for learner in learners:
        r = by_id[learner.id]
        ok = abs(r.score - learner.expect) < 1e-9 and (learner.status in (None, r.status))
        mismatches += not ok
        mark = "[green]ok[/]" if ok else "[red]WRONG[/]"
        table.add_row(learner.id, learner.exercise.split("/")[-1], learner.about,
                      f"{r.score:g}/{r.max_score:g}", f"{learner.expect:g} {mark}",
                      r.status if r.status == "graded" else f"{r.status}: {r.reason}")
    Console(width=200).print(table)
    return mismatches


def print_table(results: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Scores")
    for col in ("submission", "exercise", "score", "status", "reason / failed checks"):
        table.add_column(col)
    for r in sorted(results, key=lambda r: r.submission_id):
        failed = ", ".join(c.id for c in r.checks if not c.passed)
        table.add_row(r.submission_id, (r.exercise or "?").split("/")[-1],
                      f"{r.score:g}/{r.max_score:g}", r.status, r.reason or failed)
    Console(width=160).print(table)


@main.command()
@click.argument("results", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@click.option("--port", type=int, default=8866, show_default=True, help="Port on 127.0.0.1.")
@click.option("--collected", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder written by 'academy hub collect' (repeatable; found from the "
                   "records when omitted).")
@click.option("--assessment", "assessments", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="A graded assessment folder: its candidates side by side (repeatable).")
@click.option("--open", "open_browser", is_flag=True, help="Open it in the default browser.")
@root_option
def dashboard(root: Path, results: tuple[Path, ...], port: int, collected: tuple[Path, ...],
              assessments: tuple[Path, ...], open_browser: bool) -> None:
    """Serve the cohort dashboard (voila) for folders written by 'academy grade --out',
    and the candidates of graded assessments."""
    from academy.dashboard.serve import main_command

    main_command(results, port=port, root=root, collected=collected, open_browser=open_browser,
                 assessments=assessments)


from academy.assess.cli import assess  # noqa: E402 - the groups register themselves below
from academy.hub.cli import hub  # noqa: E402

main.add_command(hub)
main.add_command(assess)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
