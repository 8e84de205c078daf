"""Serve the cohort dashboard: voila on 127.0.0.1, rendering ``cohort.ipynb``.

The results folders, the collected folders and the content root reach the
notebook's kernel through environment variables (voila's kernels inherit the
server's environment). The server asks for a token, generated per start and
passed in the environment, never on the command line where other local users
could read it; :attr:`DashboardProcess.url` carries it. A Content-Security-Policy
header keeps the browser from contacting any other host: the page renders
fully offline (voila's template links a web font from a CDN; it is refused).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from academy.dashboard.candidates import ASSESSMENTS_ENV
from academy.dashboard.data import (
    COLLECTED_ENV,
    RESULTS_ENV,
    ROOT_ENV,
    DashboardError,
    read_manifest,
    record_files,
)

NOTEBOOK = Path(__file__).resolve().parent / "cohort.ipynb"
DEFAULT_PORT = 8866
HOST = "127.0.0.1"
TOKEN_ENV = "JUPYTER_TOKEN"  # read by jupyter_server's identity provider under --token


class DashboardProcess(subprocess.Popen[bytes]):
    """The voila server process; :attr:`url` opens the dashboard."""

    url: str = ""
    """``http://127.0.0.1:<port>/?token=...``."""
    port: int = 0
    log: Path | None = None
    """Where voila's output goes, when a log was asked for."""


def content_security_policy(port: int) -> str:
    """Only this server: scripts, styles, images (and inline PNG plots), the kernel socket."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        f"connect-src 'self' ws://{HOST}:{port}",
        "frame-ancestors 'self'",
    ])


def voila_command(port: int) -> list[str]:
    """The command line that starts voila from this interpreter's environment."""
    settings = {"headers": {"Content-Security-Policy": content_security_policy(port)}}
    return [sys.executable, "-m", "voila", str(NOTEBOOK), "--no-browser", f"--port={port}",
            f"--Voila.ip={HOST}", "--Voila.port_retries=0", "--token",
            "--show_tracebacks=False", f"--Voila.tornado_settings={json.dumps(settings)}"]


def check_port(port: int) -> None:
    """Raise unless *port* is a port number that is free on 127.0.0.1."""
    if not 1 <= port <= 65535:
        raise DashboardError(f"--port must be between 1 and 65535 (got {port})")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            raise DashboardError(f"port {port} on {HOST} is in use; choose another with "
                                 "--port") from exc


def serve(results: list[Path], port: int, *, root: Path, open_browser: bool = False,
          collected: Sequence[Path] = (), log: Path | None = None,
          token: str | None = None, assessments: Sequence[Path] = ()) -> DashboardProcess:
    """Start voila for *results* (folders of ``academy grade --out``) on 127.0.0.1:*port*.

    Refuses, with one sentence (:class:`DashboardError`), a results folder that
    does not exist or holds no records, a collected folder without a readable
    ``collected.json``, a content root that does not exist and a busy port.
    Returns at once, unless *open_browser*: then it waits for the server and
    opens the dashboard in the default browser. voila's output goes to *log*
    (appended) or nowhere. Stop the server with :func:`stop`.
    """
    if not results and not assessments:
        raise DashboardError("name at least one results folder (written by "
                             "'academy grade --out DIR') or an --assessment folder")
    from academy.dashboard.candidates import load_candidates

    for folder in assessments:
        load_candidates(Path(folder))
    folders = [Path(p) for p in results]
    for folder in folders:
        record_files(folder)
    for folder in collected:
        read_manifest(Path(folder))
    if not Path(root).is_dir():
        raise DashboardError(f"the content root {root} does not exist")
    check_port(port)
    token = token or secrets.token_urlsafe(24)
    env = {**os.environ,
           RESULTS_ENV: json.dumps([str(p.resolve()) for p in folders]) if folders else "",
           COLLECTED_ENV: json.dumps([str(Path(p).resolve()) for p in collected]),
           ROOT_ENV: str(Path(root).resolve()),
           ASSESSMENTS_ENV: json.dumps([str(Path(p).resolve()) for p in assessments]),
           TOKEN_ENV: token}
    with contextlib.ExitStack() as stack:
        out: IO[bytes] | int = subprocess.DEVNULL
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
            out = stack.enter_context(log.open("ab"))
        proc = DashboardProcess(voila_command(port), env=env, cwd=NOTEBOOK.parent,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # Ctrl-C in a terminal reaches us only
    proc.url = f"http://{HOST}:{port}/?token={token}"
    proc.port = port
    proc.log = log
    if open_browser:
        try:
            wait_until_ready(proc)
        except DashboardError:
            stop(proc)
            raise
        webbrowser.open(proc.url)
    return proc


def wait_until_ready(proc: DashboardProcess, timeout: float = 90.0) -> None:
    """Return once the server accepts connections; raise if voila stops or is too slow."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise DashboardError(f"voila stopped before serving the dashboard (exit status "
                                 f"{proc.returncode}){_log_hint(proc)}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, proc.port), 0.5):
            return
        time.sleep(0.2)
    raise DashboardError(f"voila did not start listening on port {proc.port} within "
                         f"{timeout:g} s{_log_hint(proc)}")


def _log_hint(proc: DashboardProcess) -> str:
    if proc.log is None or not proc.log.is_file():
        return ""
    lines = [ln.strip() for ln in proc.log.read_text(errors="replace").splitlines() if ln.strip()]
    last = f': "{lines[-1][:200]}"' if lines else ""
    return f"; its log {proc.log} ends{last}" if last else f"; see its log {proc.log}"


def _children(pid: int) -> list[int]:
    """Direct children of *pid* (its kernels), from /proc; empty where there is none."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError, IndexError):  # a zombie is not running
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def stop(proc: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    """Stop voila and its kernels.

    SIGTERM first: voila shuts its kernels down and exits. A voila still running
    after *timeout* seconds is killed with its process group. Kernels live in
    sessions of their own; any still running then get SIGTERM, and SIGKILL five
    seconds later.
    """
    kernels = _children(proc.pid) if proc.poll() is None else []
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 0.0)):
        left = [k for k in kernels if _alive(k)]
        for kernel in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(kernel, sig)
        deadline = time.monotonic() + wait
        while any(_alive(k) for k in left) and time.monotonic() < deadline:
            time.sleep(0.05)


def main_command(results: Sequence[Path], *, port: int = DEFAULT_PORT, root: Path,
                 collected: Sequence[Path] = (), open_browser: bool = False,
                 assessments: Sequence[Path] = ()) -> None:
    """``academy dashboard RESULTS... [--port] [--collected DIR]... [--open]``.

    Serves until Ctrl-C. Bad input ends with :class:`academy.clitools.UserError`
    (one sentence, exit status 2).
    """
    import click

    from academy.clitools import UserError

    fd, name = tempfile.mkstemp(prefix="academy-dashboard-", suffix=".log")
    os.close(fd)
    log = Path(name)
    proc: DashboardProcess | None = None
    previous = _exit_on_signals()  # voila has a session of its own: stop it on our way out
    try:
        try:
            proc = serve(list(results), port, root=root, collected=collected, log=log,
                         assessments=assessments)
            wait_until_ready(proc)
        except DashboardError as exc:
            if proc is None:  # refused before voila started: its log is empty
                log.unlink(missing_ok=True)
            raise UserError(str(exc)) from exc
        if open_browser:
            webbrowser.open(proc.url)
        click.echo(f"cohort dashboard at {proc.url}\n(Ctrl-C stops it; voila's log: {log})")
        try:
            proc.wait()
        except KeyboardInterrupt:
            click.echo("stopping the dashboard")
    finally:
        if proc is not None:
            stop(proc)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if proc.returncode not in (0, -signal.SIGTERM):
        raise UserError(f"voila stopped with exit status {proc.returncode}; see its log {log}")
    log.unlink(missing_ok=True)  # kept only when something went wrong


def _exit_on_signals() -> dict[int, Any]:
    """SIGTERM and SIGHUP end this process through ``finally`` blocks (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def leave(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    return {signum: signal.signal(signum, leave) for signum in (signal.SIGTERM, signal.SIGHUP)}
