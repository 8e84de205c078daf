"""``academy hub ...``: start a course hub, manage accounts, collect and release."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from academy.clitools import UserError
from academy.clitools import root_option as _root

STATE = Path("build/hub")


def _errors() -> tuple[type[Exception], ...]:
    from academy.hub.api import HubAPIError
    from academy.hub.launch import HubError

    return (HubError, HubAPIError)


@contextmanager
def user_errors() -> Iterator[None]:
    import httpx


    try:
        yield
    except _errors() as exc:
        raise UserError(str(exc)) from exc
    except httpx.TransportError as exc:
        raise UserError(f"the hub does not answer ({exc}); is 'academy hub start' running?") \
            from exc


def state_option(func: Any) -> Any:
    return click.option("--state", type=click.Path(file_okay=False, path_type=Path),
                        default=None, help="Hub state folder (default: build/hub in the root).")(func)


def _state(root: Path, state: Path | None) -> Path:
    return (state or root / STATE).resolve()


@click.group("hub")
def hub() -> None:
    """A JupyterHub for a cohort: one container per learner, the course exchange."""


@hub.command("start")
@click.option("--port", type=int, default=8000, show_default=True,
              help="Port on 127.0.0.1 where the hub answers.")
@click.option("--env", "envs", multiple=True, default=("base",), show_default=True,
              help="Environment images learners may choose (repeat for more).")
@click.option("--course", "courses", multiple=True, default=("academy",), show_default=True,
              help="Course id (repeat for more); groups learners-<id> and instructors-<id>.")
@click.option("--exercise", "exercises", multiple=True,
              help="Publish only these exercises (default: all).")
@click.option("--instance", default="main", show_default=True,
              help="Name of this hub's network, servers and volumes in Docker.")
@click.option("--mem-limit", default="2G", show_default=True, help="Memory per learner.")
@click.option("--cpu-limit", type=float, default=1.0, show_default=True, help="CPUs per learner.")
@click.option("--cull-timeout", type=int, default=3600, show_default=True,
              help="Stop servers idle this many seconds.")
@click.option("--prepare-only", is_flag=True, help="Make everything ready, do not start.")
@state_option
@_root
def start(root: Path, state: Path | None, port: int, envs: tuple[str, ...],
          courses: tuple[str, ...], exercises: tuple[str, ...], instance: str, mem_limit: str,
          cpu_limit: float, cull_timeout: int, prepare_only: bool) -> None:
    """Build what is missing, then run JupyterHub on 127.0.0.1 until Ctrl-C."""
    from academy.hub import launch

    folder = _state(root, state)
    with user_errors():
        settings, password = launch.prepare(
            root, folder, instance=instance, port=port, envs=envs, courses=courses,
            exercises=exercises or None, mem_limit=mem_limit, cpu_limit=cpu_limit,
            cull_timeout=cull_timeout, log=click.echo)
    if password:
        click.echo(f"first run: the admin account is '{settings.admin_user}' with password "
                   f"{password} (also in {folder / 'admin-password'}; change it after signing "
                   "in)")
    click.echo(f"hub ready: {settings.url} (state in {folder}; log in "
               f"{folder / 'jupyterhub.log'})")
    if prepare_only:
        return
    cmd, env = launch.command(settings)
    proc = subprocess.Popen(cmd, cwd=settings.state, env=env)  # noqa: S603
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


@hub.command("stop")
@click.option("--volumes", is_flag=True, help="Also delete the learners' volumes (their work).")
@state_option
@_root
def stop(root: Path, state: Path | None, volumes: bool) -> None:
    """Remove this hub's servers and network (and, if asked, the learners' volumes)."""
    from academy.hub import launch

    with user_errors():
        settings = launch.HubSettings.load(_state(root, state))
        removed = launch.teardown(settings.instance, volumes=volumes)
    click.echo(f"removed {len(removed)} Docker object(s)" +
               ("" if volumes else "; the learners' volumes were kept"))


@hub.group("user")
def user() -> None:
    """Accounts on the hub."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["learner", "instructor"]), default="learner",
              show_default=True)
@click.option("--course", default="academy", show_default=True)
@click.option("--password", default=None,
              help="Password to set (default: a new random one, printed once).")
@state_option
@_root
def user_add(root: Path, state: Path | None, name: str, role: str, course: str,
             password: str | None) -> None:
    """Create NAME (or add it to a course) through the hub's REST API."""
    from academy.hub.api import HubAPI
    from academy.hub.launch import HubSettings

    chosen = password or secrets.token_urlsafe(12)
    with user_errors():
        settings = HubSettings.load(_state(root, state))
        api = HubAPI(settings.url, settings.admin_token())
        try:
            api.add_user(name, course=course, role=role, password=chosen)
        finally:
            api.close()
    click.echo(f"{name} is a {role} of {course}" +
               ("" if password else f"; password: {chosen}"))


def _exchange_token(settings: Any, token: str | None, instructor: str | None) -> str:
    from academy.hub.api import HubAPI

    if token:
        return token
    env_token = os.environ.get("ACADEMY_HUB_TOKEN")
    if env_token:
        return env_token
    if instructor:
        api = HubAPI(settings.url, settings.admin_token())
        try:
            return api.token_for(instructor, note="academy hub collect/release", expires_in=3600)
        finally:
            api.close()
    raise UserError("say who acts: --instructor NAME (on the hub's host), --token, or "
                    "ACADEMY_HUB_TOKEN (an instructor's token from the hub's token page)")


def exchange_options(func: Any) -> Any:
    func = click.option("--instructor", default=None,
                        help="Act as this instructor (on the hub's host; uses the admin token "
                             "to make a short-lived token).")(func)
    func = click.option("--token", default=None, help="An instructor's hub token.")(func)
    func = click.option("--course", default="academy", show_default=True)(func)
    return func


@hub.command("collect")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/hub-collected"), show_default=True)
@exchange_options
@state_option
@_root
def collect_cmd(root: Path, state: Path | None, out: Path, course: str, token: str | None,
                instructor: str | None) -> None:
    """Download every learner's latest submission, ready for 'academy grade'."""
    from academy.hub.api import Exchange, collect
    from academy.hub.launch import HubSettings

    with user_errors():
        settings = HubSettings.load(_state(root, state))
        ex = Exchange(settings.public_exchange_url, _exchange_token(settings, token, instructor))
        try:
            rows = collect(ex, course, out)
        finally:
            ex.close()
    click.echo(f"collected {len(rows)} submission(s) into {out}; grade them with "
               f"'academy grade {out} --out GRADES'")


@hub.command("release")
@click.option("--collected", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/hub-collected"), show_default=True)
@click.option("--grades", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The --out folder of 'academy grade'.")
@exchange_options
@state_option
@_root
def release_cmd(root: Path, state: Path | None, collected: Path, grades: Path, course: str,
                token: str | None, instructor: str | None) -> None:
    """Send each learner the feedback of their graded submission."""
    from academy.hub.api import Exchange, release
    from academy.hub.launch import HubSettings

    with user_errors():
        settings = HubSettings.load(_state(root, state))
        ex = Exchange(settings.public_exchange_url, _exchange_token(settings, token, instructor))
        try:
            rows = release(ex, course, collected, grades)
        finally:
            ex.close()
    click.echo(f"released feedback on {len(rows)} submission(s); learners see it with "
               "'academy feedback' in their server")
