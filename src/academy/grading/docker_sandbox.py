"""The container sandbox: student code runs in the exercise's environment image.

Each run is one fresh container, created from the image built for the
exercise's environment (``academy env build``):

- no network (``--network none``), all capabilities dropped, no new privileges;
- a non-root user (65534) with a read-only root file system; the only
  writable places are small tmpfs mounts (``/tmp``, where the public data is
  copied and the cells run, and ``/dev/shm``);
- the runner's own rlimits (address space, CPU, file size) as in the local
  sandbox, so a runaway allocation is a MemoryError in one call; memory
  (no swap), CPU and process-count limits from the cgroup as the backstop;
- the sandbox folder (runner, cells, probe plan, public data) mounted
  read-only at ``/box``; nothing else of the grader's disk is visible;
- a wall-clock limit enforced from outside (the container is killed), backed
  by ``timeout`` inside in case the grader itself dies;
- events read from the container's standard output, the submission's own
  output from standard error, both through a capped reader; the logging
  driver is off, so nothing the submission prints lands on the host's disk;
- always removed afterwards; containers left behind by a grader that was
  killed are removed by the next one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any

from academy.environments import EnvError, Environments, docker_client, find_image
from academy.grading.sandbox import (
    EVENTS_LIMIT,
    TAIL,
    Limits,
    SandboxRun,
    SandboxUnavailable,
    parse_events,
    prepare_box,
    runner_rlimits,
)

SANDBOX_USER = "65534:65534"
PYTHON = "/opt/venv/bin/python"
LABEL = "academy.sandbox"
OWNER_LABEL = "academy.owner"
TMPFS_MB = 256
CGROUP_HEADROOM_MB = TMPFS_MB + 256
"""The cgroup allows the address-space limit plus the tmpfs plus this much; it is a backstop."""
STARTUP_SLACK = 15.0
"""Seconds allowed on top of the wall limit for the engine to create and start the container."""


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class DockerSandbox:
    """One container per run, from the exercise's environment image."""

    kind = "docker"
    trusted_only = False

    def __init__(self, root: Path, client: Any = None) -> None:
        try:
            self.client = client or docker_client()
            self.envs = Environments(root)
        except EnvError as exc:
            raise SandboxUnavailable(str(exc)) from exc
        self._images: dict[str, tuple[str, str]] = {}
        self._lock = threading.Lock()
        self.sweep()

    def sweep(self) -> int:
        """Remove sandbox containers whose grader process is gone (killed mid-batch)."""
        removed = 0
        host = socket.gethostname()
        for container in self.client.containers.list(all=True, filters={"label": LABEL},
                                                     ignore_removed=True):
            owner = container.labels.get(OWNER_LABEL, "")
            owner_host, _, pid = owner.rpartition(":")
            if owner_host == host and pid.isdigit() and _alive(int(pid)):
                continue
            with contextlib.suppress(Exception):
                container.remove(force=True)
                removed += 1
        return removed

    def image_for(self, environment: str) -> tuple[str, str]:
        """(tag, image id) of the built image for *environment*."""
        with self._lock:
            if environment not in self._images:
                try:
                    image = find_image(self.envs, self.client, environment)
                except EnvError as exc:
                    raise SandboxUnavailable(str(exc)) from exc
                if image is None:
                    raise SandboxUnavailable(
                        f"the {environment!r} environment is not built for its current "
                        f"lockfile; run `academy env build {environment}`")
                tag = next((t for t in image.tags if t.startswith("academy/")), image.id)
                self._images[environment] = (tag, image.id)
            return self._images[environment]

    def run(self, cells: list[str], plan: dict[str, Any], files: dict[str, Path],
            limits: Limits, environment: str | None = None) -> SandboxRun:
        tag, image_id = self.image_for(environment or "base")
        rlimits = runner_rlimits(limits)
        del rlimits["processes"]  # counted per user id across containers; the pids cgroup limits it
        box = prepare_box(cells, {**plan, "rlimits": rlimits}, files)
        try:
            os.chmod(box, 0o755)  # mkdtemp makes it 0700; the sandbox user must read it
            for path in box.rglob("*"):
                os.chmod(path, 0o755 if path.is_dir() else 0o644)
            return self._run(box, tag, image_id, limits)
        finally:
            shutil.rmtree(box, ignore_errors=True)

    def _run(self, box: Path, tag: str, image_id: str, limits: Limits) -> SandboxRun:
        import docker.errors
        from docker.types import LogConfig, Ulimit

        api = self.client.api
        mb = 1024 * 1024
        hard_stop = int(limits.wall_seconds + STARTUP_SLACK)
        host_config = api.create_host_config(
            binds={str(box): {"bind": "/box", "mode": "ro"}},
            network_mode="none",
            mem_limit=(limits.memory_mb + CGROUP_HEADROOM_MB) * mb,
            memswap_limit=(limits.memory_mb + CGROUP_HEADROOM_MB) * mb,
            nano_cpus=1_000_000_000,
            pids_limit=limits.max_processes,
            read_only=True,
            tmpfs={"/tmp": f"rw,nosuid,nodev,noexec,size={TMPFS_MB}m,mode=1777"},
            shm_size=16 * mb,
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            ulimits=[Ulimit(name="fsize", soft=limits.max_file_mb * mb,
                            hard=limits.max_file_mb * mb),
                     Ulimit(name="core", soft=0, hard=0),
                     Ulimit(name="nofile", soft=1024, hard=1024)],
            log_config=LogConfig(type="none"),
            init=True,
        )
        command = ["timeout", "--signal=KILL", str(hard_stop),
                   PYTHON, "-I", "-B", "/box/runtime/runner.py", "/box",
                   "--events", "-", "--work", "/tmp/work"]
        environment = {"HOME": "/tmp/work", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0",
                       "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
                       "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg",
                       "MPLCONFIGDIR": "/tmp/mpl", "TMPDIR": "/tmp"}
        container = api.create_container(
            image_id, command=command, user=SANDBOX_USER, working_dir="/tmp",
            environment=environment, network_disabled=True, host_config=host_config,
            labels={LABEL: "1", OWNER_LABEL: _owner()}, stdin_open=False, tty=False)
        cid = container["Id"]
        reader = _StreamReader()
        timed_out = False
        exit_code: int | None = None
        oom = False
        meter = _CgroupMeter(cid)
        start = time.monotonic()
        try:
            sock = api.attach_socket(cid, params={"stdout": 1, "stderr": 1, "stream": 1})
            reader.start(sock)
            api.start(cid)
            meter.start()
            try:
                outcome = api.wait(cid, timeout=limits.wall_seconds)
                exit_code = int(outcome.get("StatusCode", -1))
            except Exception:  # noqa: BLE001 - requests' ReadTimeout/ConnectionError: over time
                timed_out = True
                with contextlib.suppress(docker.errors.APIError):
                    api.kill(cid)
                with contextlib.suppress(Exception):
                    exit_code = int(api.wait(cid, timeout=30).get("StatusCode", -1))
            wall = time.monotonic() - start
            meter.stop()
            reader.join(timeout=10)
            with contextlib.suppress(docker.errors.APIError):
                oom = bool(api.inspect_container(cid)["State"].get("OOMKilled"))
        finally:
            meter.stop()
            reader.close()
            with contextlib.suppress(docker.errors.APIError):
                api.remove_container(cid, force=True)
        events, malformed = parse_events(bytes(reader.stdout))
        signal_number = exit_code - 128 if exit_code is not None and exit_code > 128 else None
        return SandboxRun(
            events=events,
            exit_code=None if signal_number else exit_code,
            signal=signal_number,
            timed_out=timed_out or exit_code == 137 and wall >= hard_stop - 1,
            wall_seconds=round(wall, 3),
            cpu_seconds=round(meter.cpu_seconds, 3),
            peak_memory_mb=round(meter.peak_bytes / mb, 1),
            stdout_tail="",
            stderr_tail=reader.stderr_tail(),
            malformed_events=malformed or reader.overflow,
            oom_killed=oom,
            kind=self.kind, image=image_id, image_tag=tag,
        )


class _StreamReader:
    """Reads the container's multiplexed stdout/stderr with caps, in a thread."""

    def __init__(self) -> None:
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.stderr_bytes = 0
        self.overflow = False
        self._thread: threading.Thread | None = None
        self._sock: Any = None

    def start(self, sock: Any) -> None:
        self._sock = sock
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        from docker.utils.socket import frames_iter

        try:
            for stream, data in frames_iter(self._sock, tty=False):
                if stream == 1:
                    if len(self.stdout) + len(data) > EVENTS_LIMIT:
                        self.overflow = True
                    else:
                        self.stdout += data
                else:
                    self.stderr_bytes += len(data)
                    self.stderr += data
                    if len(self.stderr) > 4 * TAIL:
                        del self.stderr[:-TAIL]
        except Exception:  # noqa: BLE001 - a closed socket ends the stream
            return

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            raw = getattr(self._sock, "_sock", self._sock)
            raw.close()

    def stderr_tail(self) -> str:
        text = bytes(self.stderr[-TAIL:]).decode("utf-8", "replace")
        if self.stderr_bytes > TAIL:
            text = f"[{self.stderr_bytes} bytes of output; the last {TAIL} follow]\n" + text
        return text


class _CgroupMeter:
    """Samples the container's cgroup for peak memory and CPU time while it runs."""

    def __init__(self, cid: str) -> None:
        base = Path("/sys/fs/cgroup")
        self.memory = [base / "memory" / "docker" / cid / "memory.max_usage_in_bytes",
                       base / "docker" / cid / "memory.peak",
                       base / "system.slice" / f"docker-{cid}.scope" / "memory.peak"]
        self.cpu = [base / "cpuacct" / "docker" / cid / "cpuacct.usage",
                    base / "docker" / cid / "cpu.stat",
                    base / "system.slice" / f"docker-{cid}.scope" / "cpu.stat"]
        self.peak_bytes = 0
        self.cpu_seconds = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)

    def _loop(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(0.1):
                return

    def sample(self) -> None:
        for path in self.memory:
            with contextlib.suppress(OSError, ValueError):
                self.peak_bytes = max(self.peak_bytes, int(path.read_text().split()[0]))
                break
        for path in self.cpu:
            with contextlib.suppress(OSError, ValueError):
                text = path.read_text()
                if path.name == "cpu.stat":
                    usec = next(int(line.split()[1]) for line in text.splitlines()
                                if line.startswith("usage_usec"))
                    self.cpu_seconds = max(self.cpu_seconds, usec / 1e6)
                else:
                    self.cpu_seconds = max(self.cpu_seconds, int(text) / 1e9)
                break
