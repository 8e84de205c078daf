"""Sandboxes: where student code runs. The grader only ever reads their answers.

A sandbox receives the submission's code cells, the probe plan and the
exercise's public data files, runs ``runtime/runner.py`` on them and returns
a :class:`SandboxRun`: the events the runner wrote (claimed data, parsed as
JSON), exit status, timings and resource peaks.

:class:`LocalSandbox` is a subprocess in its own session with rlimits on
address space, CPU time, processes and file size, plus a wall-clock limit
enforced from outside by killing the whole process group. It is meant for a
learner's own machine; untrusted code belongs in a container sandbox.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RUNTIME_DIR = Path(__file__).resolve().parent.parent / "runtime"
EVENTS_LIMIT = 64 * 1024 * 1024
TAIL = 4000

STUB_ACADEMY = '''"""Stand-in for the learner's feedback helpers: checks run outside at grading time."""


def check(*args, **kwargs):
    return None


def hint(*args, **kwargs):
    return None
'''


class SandboxUnavailable(Exception):
    """The sandbox cannot run at all (no engine, no image); one sentence for the user."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandboxed run."""

    wall_seconds: float = 120.0
    """Whole run, enforced from outside by killing the process group."""
    cpu_seconds: int = 120
    """CPU time (RLIMIT_CPU)."""
    memory_mb: int = 3072
    """Address space (RLIMIT_AS)."""
    max_processes: int = 256
    """Processes of the sandbox user (RLIMIT_NPROC; root ignores it)."""
    max_file_mb: int = 64
    """Largest file the run may write (RLIMIT_FSIZE)."""
    cell_timeout: float = 30.0
    """One notebook cell, enforced inside by an alarm (the wall limit backs it)."""
    probe_timeout: float = 10.0
    """One probed call, enforced inside by an alarm (the wall limit backs it)."""


@dataclass
class SandboxRun:
    """What came back from one sandboxed run."""

    events: list[dict[str, Any]]
    """Events the runner wrote, in order; parsing stops at the first malformed line."""
    exit_code: int | None
    """Exit status, or None when the process died from a signal."""
    signal: int | None
    """Signal that ended the process, if any."""
    timed_out: bool
    """True when the wall-clock limit killed the run."""
    wall_seconds: float
    cpu_seconds: float
    peak_memory_mb: float
    stdout_tail: str = ""
    stderr_tail: str = ""
    malformed_events: bool = False
    """True when the events file held a line that is not a JSON object."""
    oom_killed: bool = False
    """True when the engine killed the run for exceeding its memory limit."""
    kind: str = "local"
    image: str | None = None
    """Image id (sha256 of its configuration) when the sandbox is a container."""
    image_tag: str | None = None
    """Image tag when the sandbox is a container."""
    notes: list[str] = field(default_factory=list)


def _tail(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - TAIL))
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""


def read_events(path: Path) -> tuple[list[dict[str, Any]], bool]:
    """Parse a JSON-lines events file written by the runner, defensively."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(EVENTS_LIMIT + 1)
    except OSError:
        return [], False
    return parse_events(raw)


def parse_events(raw: bytes) -> tuple[list[dict[str, Any]], bool]:
    """Events from the runner's JSON lines; True when something was malformed or too long."""
    events: list[dict[str, Any]] = []
    if len(raw) > EVENTS_LIMIT:
        return events, True
    lines = raw.split(b"\n")
    complete, last = lines[:-1], lines[-1]
    for line in complete:
        try:
            event = json.loads(line)
        except ValueError:
            return events, True
        if not isinstance(event, dict) or not isinstance(event.get("event"), str):
            return events, True
        events.append(event)
    return events, bool(last.strip())


def runner_rlimits(limits: Limits) -> dict[str, int]:
    """The limits the runner sets on itself before any submitted code runs.

    The address-space limit makes a runaway allocation raise MemoryError in the
    call that made it, so the rest of the submission is still graded, the same
    in every sandbox; a container's cgroup limit sits above it as a backstop.
    """
    mb = 1024 * 1024
    return {"address_space": limits.memory_mb * mb, "cpu": limits.cpu_seconds,
            "processes": limits.max_processes, "file_size": limits.max_file_mb * mb, "core": 0}


def prepare_box(cells: list[str], plan: dict[str, Any], files: dict[str, Path]) -> Path:
    """Lay out a fresh sandbox folder: runtime, stub helpers, inputs, data."""
    box = Path(tempfile.mkdtemp(prefix="academy-box-"))
    (box / "out").mkdir()
    (box / "work").mkdir()
    runtime = box / "runtime"
    runtime.mkdir()
    for name in ("runner.py", "codec.py"):
        shutil.copy2(RUNTIME_DIR / name, runtime / name)
    lib = box / "lib" / "_academy"
    lib.mkdir(parents=True)
    (lib / "__init__.py").write_text(STUB_ACADEMY)
    (box / "cells.json").write_text(json.dumps(cells))
    (box / "plan.json").write_text(json.dumps(plan, allow_nan=False))
    for rel, src in files.items():
        dest = box / "work" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    return box


class LocalSandbox:
    """A subprocess with rlimits; the embedded default for a learner's laptop."""

    kind = "local"
    trusted_only = True

    def __init__(self, python: str | None = None) -> None:
        self.python = python or sys.executable

    def run(self, cells: list[str], plan: dict[str, Any], files: dict[str, Path],
            limits: Limits, environment: str | None = None) -> SandboxRun:
        plan = {**plan, "rlimits": runner_rlimits(limits)}
        box = prepare_box(cells, plan, files)
        try:
            return self._run(box, limits)
        finally:
            shutil.rmtree(box, ignore_errors=True)

    def _run(self, box: Path, limits: Limits) -> SandboxRun:
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(box / "work"),
            "LANG": "C.UTF-8",
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "MPLBACKEND": "Agg",
        }
        stdout_path, stderr_path = box / "out" / "stdout.txt", box / "out" / "stderr.txt"
        start = time.monotonic()
        with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
            proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                [self.python, "-I", "-B", str(box / "runtime" / "runner.py"), str(box)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=box / "work",
                start_new_session=True, close_fds=True,
            )
        timed_out = False
        status = 0
        usage = None
        deadline = start + limits.wall_seconds
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() >= deadline:
                timed_out = True
                _kill_group(proc.pid)
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.monotonic() - start
        _kill_group(proc.pid)  # stray children of the submission
        proc.returncode = os.waitstatus_to_exitcode(status)
        exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        events, malformed = read_events(box / "out" / "events.jsonl")
        return SandboxRun(
            events=events, exit_code=exit_code, signal=sig, timed_out=timed_out,
            wall_seconds=round(wall, 3),
            cpu_seconds=round(usage.ru_utime + usage.ru_stime, 3) if usage else 0.0,
            peak_memory_mb=round(usage.ru_maxrss / 1024, 1) if usage else 0.0,
            stdout_tail=_tail(stdout_path), stderr_tail=_tail(stderr_path),
            malformed_events=malformed, kind=self.kind,
        )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def choose_sandbox(kind: str | None, root: Path, *, untrusted: bool = False,
                   unsafe_local: bool = False) -> Any:
    """The sandbox to grade with: docker when an engine answers, unless told otherwise.

    Untrusted grading (candidates, strangers) refuses the local sandbox unless
    the caller says ``unsafe_local``.
    """
    from academy.environments import engine_available

    if kind is None:
        kind = "docker" if engine_available() else "local"
        if kind == "local" and untrusted and not unsafe_local:
            raise SandboxUnavailable("untrusted grading needs the docker sandbox and no Docker "
                                     "engine answers; start dockerd, or pass --unsafe-local "
                                     "to run the submissions on this machine anyway")
    if kind == "local":
        if untrusted and not unsafe_local:
            raise SandboxUnavailable("untrusted submissions are not graded in the local "
                                     "sandbox; use --sandbox docker, or pass --unsafe-local "
                                     "if you accept running them on this machine")
        return LocalSandbox()
    if kind == "docker":
        from academy.grading.docker_sandbox import DockerSandbox

        return DockerSandbox(root)
    raise SandboxUnavailable(f"unknown sandbox {kind!r} (docker or local)")
