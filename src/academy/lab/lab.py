"""Build a learner's image offline, run it with no network, probe it from outside.

Everything the lab creates carries the label ``academy.lab`` (with the owning
process), and :meth:`Lab.close` removes it: containers, built images and the
build's intermediate layers. Containers and images left by a killed grader
are swept by the next lab.

Isolation of the three kinds of container:

* **build steps** (the learner's ``RUN`` lines) join the network namespace of
  the *wheelhouse* container, which has no network: the only thing they can
  reach is the wheelhouse on 127.0.0.1:3141. Memory is capped and the whole
  build has a wall-clock limit.
* **the service** (the learner's image) runs with no network, a read-only root
  with a small tmpfs, all capabilities dropped, no-new-privileges, and memory,
  CPU and pids limits.
* **the prober** is trusted code in a course image that shares only the
  service's network namespace; it sends HTTP requests to 127.0.0.1 and prints
  the responses (capped) as JSON. The grader parses them as data.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import socket
import tarfile
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from academy.lab.images import STANDS_IN_FOR, WHEELHOUSE_PORT

LAB_LABEL = "academy.lab"
OWNER_LABEL = "academy.lab.owner"
KEPT_LABEL = "academy.lab.kept"
MAX_LOG = 64_000
MAX_BODY = 64_000
FROM_RE = re.compile(r"^(\s*FROM\s+)((?:--\S+\s+)*)(\S+)(.*)$", re.IGNORECASE | re.MULTILINE)


class LabError(Exception):
    """The lab itself cannot work (no engine, no image); one sentence for the user."""


@contextlib.contextmanager
def engine_lock() -> Iterator[None]:
    """One lab at a time builds or removes images on this machine. Without it, one lab's
    clean-up can delete a layer another lab's build is standing on ("unknown parent image
    ID") or has just chosen from the build cache, failing a learner for the engine's race."""
    import fcntl
    import tempfile

    path = Path(tempfile.gettempdir()) / "academy-lab-engine.lock"
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class BuildResult:
    """What one build gave: an image and its metadata, or the reason it failed."""

    ok: bool
    """The build finished and produced an image."""
    image: str | None
    """Image id."""
    log: str
    """The builder's output (steps, cache use, the learner's RUN output), capped."""
    error: str | None
    """Why it failed, in one line."""
    seconds: float
    size_mb: float | None = None
    """Image size (all layers, base included)."""
    user: str = ""
    """The image's USER ('' means root)."""
    cmd: list[str] = field(default_factory=list)
    entrypoint: list[str] = field(default_factory=list)
    exposed_ports: list[int] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    workdir: str = ""
    healthcheck: dict[str, Any] | None = None
    layers: list[dict[str, Any]] = field(default_factory=list)
    """History, oldest first: ``{"id", "created_by", "size"}``."""
    cached_steps: list[int] = field(default_factory=list)
    """Numbers (1-based) of the Dockerfile steps the builder took from its cache."""
    steps: list[str] = field(default_factory=list)
    """The Dockerfile instructions as the builder numbered them."""


@dataclass
class Response:
    """One HTTP exchange as the prober saw it."""

    status: int | None
    body: str
    headers: dict[str, str]
    seconds: float
    error: str | None = None

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def rewrite_from(dockerfile: str, standin: str) -> tuple[str, list[str]]:
    """Point FROM lines naming a public Python image at the stand-in.

    Returns the new text and the images the Dockerfile named (stage names excluded)."""
    stages: set[str] = set()
    named: list[str] = []

    def swap(match: re.Match[str]) -> str:
        image = match.group(3)
        rest = match.group(4)
        alias = re.search(r"\bAS\s+(\S+)", rest, re.IGNORECASE)
        result = match.group(0)
        if image.lower() not in stages:
            named.append(image)
            if image in STANDS_IN_FOR or image.startswith("docker.io/library/") and \
                    image.split("/", 2)[2] in STANDS_IN_FOR:
                result = f"{match.group(1)}{match.group(2)}{standin}{rest}"
        if alias:
            stages.add(alias.group(1).lower())
        return result

    return FROM_RE.sub(swap, dockerfile), named


def _context(files: Mapping[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name in sorted(files):
            data = files[name]
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    buffer.seek(0)
    return buffer


class Lab:
    """Builds, runs and probes learner artifacts; always cleans up after itself."""

    def __init__(self, client: Any, *, standin: str, helper_image: str,
                 wheelhouse: Path | None, build_timeout: float = 300,
                 build_memory_mb: int = 2048, service_base: str | None = None) -> None:
        self.client = client
        self.standin = standin
        self.service_base = service_base
        """The stand-in with every wheel of the wheelhouse installed: graders' own
        Dockerfiles may start FROM it to package a learner's code in seconds."""
        self.helper_image = helper_image
        self.wheelhouse = wheelhouse
        self.build_timeout = build_timeout
        self.build_memory_mb = build_memory_mb
        self.owner = _owner()
        self.run_id = uuid.uuid4().hex[:12]
        self.labels = {LAB_LABEL: self.run_id, OWNER_LABEL: self.owner}
        self._images: list[str] = []
        self._containers: list[Any] = []
        self.sweep()

    # -- housekeeping --------------------------------------------------------------

    def sweep(self) -> int:
        with engine_lock():
            return self._sweep()

    def _sweep(self) -> int:
        """Remove lab containers and images whose grader process is gone."""
        removed = 0
        # ignore_removed: another lab may remove its own container between list and inspect
        for container in self.client.containers.list(all=True, filters={"label": LAB_LABEL},
                                                     ignore_removed=True):
            if not _alive(container.labels.get(OWNER_LABEL, "")):
                with contextlib.suppress(Exception):
                    container.remove(force=True)
                    removed += 1
        try:
            images = self.client.images.list(filters={"label": LAB_LABEL})
        except Exception:  # noqa: BLE001 - an image removed by its lab while listing
            images = []
        for image in images:
            if not _alive(image.labels.get(OWNER_LABEL, "")):
                with contextlib.suppress(Exception):
                    self.client.images.remove(image.id, force=True)
                    removed += 1
        return removed

    def close(self) -> None:
        with engine_lock():
            self._close()

    def _close(self) -> None:
        """Remove everything this lab made."""
        for container in self._containers:
            with contextlib.suppress(Exception):
                container.remove(force=True)
        self._containers.clear()
        for container in self.client.containers.list(
                all=True, filters={"label": f"{LAB_LABEL}={self.run_id}"}, ignore_removed=True):
            with contextlib.suppress(Exception):
                container.remove(force=True)
        for image in reversed(self._images):
            with contextlib.suppress(Exception):
                self.client.images.remove(image, force=True)
        self._images.clear()
        with contextlib.suppress(Exception):
            # only this lab's: another lab's finished build is untagged (dangling) too
            self.client.images.prune(filters={"dangling": True,
                                              "label": f"{LAB_LABEL}={self.run_id}"})

    def __enter__(self) -> Lab:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def container(self, image: str, command: list[str] | None, **kwargs: Any) -> Any:
        """Create (not start) a container that carries the lab's labels and is removed
        on close; callers set the isolation (network, limits) themselves."""
        return self._container(image, command, **kwargs)

    def _container(self, image: str, command: list[str] | None, **kwargs: Any) -> Any:
        container = self.client.containers.create(
            image, command, labels=self.labels, detach=True, **kwargs)
        self._containers.append(container)
        return container

    # -- building ------------------------------------------------------------------

    def build(self, files: Mapping[str, bytes], *, dockerfile: str = "Dockerfile",
              nocache: bool = True, keep_as: str | None = None) -> BuildResult:
        """Build *files* (see :meth:`_build`) while no lab on this machine removes images."""
        with engine_lock():
            return self._build(files, dockerfile=dockerfile, nocache=nocache, keep_as=keep_as)

    def _build(self, files: Mapping[str, bytes], *, dockerfile: str = "Dockerfile",
               nocache: bool = True, keep_as: str | None = None) -> BuildResult:
        """Build *files* (a build context, path -> bytes) into an image, offline.

        With *keep_as*, the image is tagged with that name and outlives the lab (for the
        course's own images, never a learner's)."""
        started = time.monotonic()
        if dockerfile not in files:
            return BuildResult(False, None, "", f"there is no {dockerfile}", 0.0)
        try:
            text = files[dockerfile].decode()
        except UnicodeDecodeError:
            return BuildResult(False, None, "", f"{dockerfile} is not UTF-8 text", 0.0)
        text, named = rewrite_from(text, self.standin)
        # A FROM naming a variable could pick any local image through an ARG default.
        unknown = [n for n in named if n not in STANDS_IN_FOR and n != self.standin
                   and (self.service_base is None or n != self.service_base)]
        if unknown:
            return BuildResult(False, None, "", f"FROM {unknown[0]}: the grader builds offline "
                               f"and offers {', '.join(STANDS_IN_FOR[:2])}", 0.0)
        context = _context({**files, dockerfile: text.encode()})
        server = self._wheelhouse_server()
        network = f"container:{server.id}" if server is not None else "none"
        log: list[str] = []
        outcome: dict[str, Any] = {}

        def run_build() -> None:
            try:
                for chunk in self.client.api.build(
                        fileobj=context, custom_context=True, dockerfile=dockerfile, rm=True,
                        forcerm=True, nocache=nocache, pull=False, decode=True,
                        network_mode=network, tag=keep_as,
                        labels=self.labels if keep_as is None else {KEPT_LABEL: "1"},
                        container_limits={"memory": self.build_memory_mb * 2**20,
                                          "memswap": self.build_memory_mb * 2**20}):
                    if "stream" in chunk:
                        log.append(chunk["stream"])
                    if "aux" in chunk and "ID" in chunk["aux"]:
                        outcome["image"] = chunk["aux"]["ID"]
                    if "error" in chunk:
                        outcome["error"] = chunk["error"].strip()
            except Exception as exc:  # noqa: BLE001 - an engine error is the build's result
                outcome["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"

        thread = threading.Thread(target=run_build, daemon=True)
        thread.start()
        thread.join(self.build_timeout)
        timed_out = thread.is_alive()
        if timed_out:
            self._stop_build(server)
            thread.join(30)
        if server is not None:
            with contextlib.suppress(Exception):
                server.remove(force=True)
        seconds = round(time.monotonic() - started, 2)
        text_log = "".join(log)[-MAX_LOG:]
        result = BuildResult(False, None, text_log, None, seconds)
        result.steps = re.findall(r"^Step \d+/\d+ : (.*)$", text_log, re.MULTILINE)
        result.cached_steps = _cached_steps(text_log)
        if timed_out:
            result.error = f"the build did not finish within {self.build_timeout:.0f} s"
            return result
        if "error" in outcome or "image" not in outcome:
            result.error = outcome.get("error") or "the builder produced no image"
            return result
        image_id = outcome["image"]
        if keep_as is None:
            self._images.append(image_id)
        self._describe(image_id, result)
        result.ok = True
        return result

    def _wheelhouse_server(self) -> Any | None:
        if self.wheelhouse is None:
            return None
        server = self._container(
            self.helper_image, ["python3", "-m", "http.server", str(WHEELHOUSE_PORT),
                                "--bind", "127.0.0.1", "--directory", "/wheels"],
            network_mode="none", user="65534:65534", read_only=True, cap_drop=["ALL"],
            security_opt=["no-new-privileges"], mem_limit="256m", pids_limit=64,
            volumes={str(self.wheelhouse.resolve()): {"bind": "/wheels", "mode": "ro"}})
        server.start()
        probe = ("import socket,time\nfor _ in range(600):\n    try:\n"
                 f"        socket.create_connection(('127.0.0.1',{WHEELHOUSE_PORT}),1).close();"
                 "break\n    except OSError: time.sleep(0.05)")
        server.exec_run(["python3", "-c", probe], user="65534")
        return server

    def _stop_build(self, server: Any | None) -> None:
        """Kill a build that ran too long: its step containers and its network."""
        if server is None:
            return
        for container in self.client.containers.list(all=True):
            mode = container.attrs.get("HostConfig", {}).get("NetworkMode", "")
            if mode == f"container:{server.id}":
                with contextlib.suppress(Exception):
                    container.remove(force=True)
        with contextlib.suppress(Exception):
            server.remove(force=True)

    def _describe(self, image_id: str, result: BuildResult) -> None:
        image = self.client.images.get(image_id)
        config = image.attrs.get("Config") or {}
        result.image = image_id
        result.size_mb = round(image.attrs.get("Size", 0) / 1e6, 1)
        result.user = config.get("User") or ""
        result.cmd = list(config.get("Cmd") or [])
        result.entrypoint = list(config.get("Entrypoint") or [])
        result.exposed_ports = sorted(int(p.split("/")[0]) for p in config.get("ExposedPorts") or {})
        result.env = dict(e.split("=", 1) for e in config.get("Env") or [] if "=" in e)
        result.workdir = config.get("WorkingDir") or ""
        result.healthcheck = config.get("Healthcheck")
        result.layers = [{"id": h.get("Id", ""), "created_by": h.get("CreatedBy", ""),
                          "size": h.get("Size", 0)} for h in reversed(image.history())]

    # -- running and probing -------------------------------------------------------

    @contextlib.contextmanager
    def serve(self, image: str, *, port: int, command: list[str] | None = None,
              env: Mapping[str, str] | None = None, user: str | None = None,
              memory_mb: int = 512, cpus: float = 1.0, pids: int = 128,
              ready_path: str = "/", ready_timeout: float = 30,
              entrypoint: list[str] | None = None) -> Iterator[Service]:
        """Run *image* with no network; yield a :class:`Service` once *port* answers
        HTTP on *ready_path* (or the wait times out: ``service.ready`` says which).
        *entrypoint* replaces the image's ENTRYPOINT, as a pod's ``command`` does."""
        kwargs: dict[str, Any] = {}
        if user is not None:
            kwargs["user"] = user
        if entrypoint is not None:
            kwargs["entrypoint"] = entrypoint
        container = self._container(
            image, command, environment=dict(env or {}), network_mode="none",
            read_only=True, tmpfs={"/tmp": "rw,size=64m"}, cap_drop=["ALL"],  # noqa: S108
            security_opt=["no-new-privileges"], mem_limit=f"{memory_mb}m",
            memswap_limit=f"{memory_mb}m", nano_cpus=int(cpus * 1e9), pids_limit=pids,
            init=True, **kwargs)
        import docker.errors

        prober = None
        problem = None
        try:
            container.start()
        except docker.errors.APIError as exc:  # a USER that does not exist, no such command
            problem = f"the container did not start: {_engine_reason(exc)}"
        if problem is None:
            prober = self._container(
                self.helper_image, ["python3", "-c", "import time; time.sleep(86400)"],
                network_mode=f"container:{container.id}", user="65534:65534",
                read_only=True, cap_drop=["ALL"], security_opt=["no-new-privileges"],
                mem_limit="256m", pids_limit=64)
            try:
                prober.start()
            except docker.errors.APIError:
                prober, problem = None, "the container stopped right after it started"
        service = Service(container, prober, port, problem)
        if prober is not None:
            service.ready = service.wait_ready(ready_path, ready_timeout)
        try:
            yield service
        finally:
            for item in (prober, container):
                if item is not None:
                    with contextlib.suppress(Exception):
                        item.remove(force=True)

    def run(self, image: str, command: list[str] | None = None, *,
            entrypoint: list[str] | None = None,
            env: Mapping[str, str] | None = None, user: str | None = None,
            memory_mb: int = 512, cpus: float = 1.0, pids: int = 128,
            timeout: float = 60) -> RunResult:
        """Run *image* to completion with no network and the service's limits; the exit
        code and the output (capped) come back, the container is removed."""
        kwargs: dict[str, Any] = {}
        if user is not None:
            kwargs["user"] = user
        if entrypoint is not None:
            kwargs["entrypoint"] = entrypoint
        container = self._container(
            image, command, environment=dict(env or {}), network_mode="none",
            read_only=True, tmpfs={"/tmp": "rw,size=64m"}, cap_drop=["ALL"],  # noqa: S108
            security_opt=["no-new-privileges"], mem_limit=f"{memory_mb}m",
            memswap_limit=f"{memory_mb}m", nano_cpus=int(cpus * 1e9), pids_limit=pids,
            init=True, **kwargs)
        started = time.monotonic()
        timed_out = False
        try:
            container.start()
            try:
                status = container.wait(timeout=timeout)
                code: int | None = int(status.get("StatusCode", -1))
            except Exception:  # noqa: BLE001 - the engine's read timeout: stop it
                timed_out, code = True, None
                with contextlib.suppress(Exception):
                    container.kill()
            output = container.logs(stdout=True, stderr=True).decode("utf-8", "replace")
            container.reload()
            oom = bool(container.attrs.get("State", {}).get("OOMKilled"))
        finally:
            with contextlib.suppress(Exception):
                container.remove(force=True)
        return RunResult(code, output[-MAX_LOG:], round(time.monotonic() - started, 2),
                         timed_out, oom)


@dataclass
class RunResult:
    """A container that ran to completion (or was stopped)."""

    exit_code: int | None
    """None when it was stopped at the time limit."""
    output: str
    """Standard output and error, interleaved, capped."""
    seconds: float
    timed_out: bool = False
    oom_killed: bool = False


ARG_CHUNK = 100_000
"""Characters of the probe spec per argument of the prober."""


PROBER = r"""
import json, sys, time, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor
spec = json.loads("".join(sys.argv[1:]))
port, cap = spec["port"], spec["cap"]
def one(req):
    data = req.get("body")
    data = data.encode() if isinstance(data, str) else None
    r = urllib.request.Request(f"http://127.0.0.1:{port}{req['path']}", data=data,
                               method=req.get("method", "GET"), headers=req.get("headers", {}))
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(r, timeout=req.get("timeout", 5)) as resp:
            body = resp.read(cap + 1)
            out = {"status": resp.status, "headers": dict(resp.headers)}
    except urllib.error.HTTPError as e:
        body = e.read(cap + 1)
        out = {"status": e.code, "headers": dict(e.headers or {})}
    except Exception as e:
        body = b""
        out = {"status": None, "headers": {}, "error": f"{type(e).__name__}: {e}"[:300]}
    out["seconds"] = time.perf_counter() - t
    out["body"] = body[:cap].decode("utf-8", "replace")
    return out
if spec["mode"] == "ready":
    deadline = time.monotonic() + spec["timeout"]
    while time.monotonic() < deadline:
        r = one(spec["requests"][0])
        if r["status"] is not None:
            print(json.dumps([r])); sys.exit(0)
        time.sleep(0.2)
    print(json.dumps([r])); sys.exit(0)
with ThreadPoolExecutor(spec["concurrency"]) as pool:
    print(json.dumps(list(pool.map(one, spec["requests"]))))
"""


def _engine_reason(exc: Exception) -> str:
    text = str(getattr(exc, "explanation", None) or exc)
    return text.split("OCI runtime create failed:")[-1].strip()[:300]


class Service:
    """A learner's container that is running, and the trusted prober beside it."""

    def __init__(self, container: Any, prober: Any, port: int,
                 problem: str | None = None) -> None:
        self.container = container
        self.prober = prober
        self.port = port
        self.ready = False
        self.problem = problem
        """Why the container could not be probed at all (it did not start, or died)."""

    def _probe(self, mode: str, requests: list[dict[str, Any]], concurrency: int = 1,
               timeout: float = 0) -> list[Response]:
        if self.prober is None:
            return [Response(None, "", {}, 0.0, self.problem) for _ in requests]
        spec = {"mode": mode, "port": self.port, "cap": MAX_BODY, "requests": requests,
                "concurrency": concurrency, "timeout": timeout}
        text = json.dumps(spec)
        # one argument may hold at most 128 KiB (the kernel's MAX_ARG_STRLEN): large request
        # bodies travel as several arguments, which the prober joins
        chunks = [text[i:i + ARG_CHUNK] for i in range(0, len(text), ARG_CHUNK)]
        code, output = self.prober.exec_run(["python3", "-c", PROBER, *chunks], user="65534")
        try:
            rows = json.loads(output.decode("utf-8", "replace").strip().splitlines()[-1])
        except (ValueError, IndexError):
            return [Response(None, "", {}, 0.0, f"the prober failed (exit {code})")
                    for _ in requests]
        return [Response(r.get("status"), str(r.get("body", "")),
                         {str(k).lower(): str(v) for k, v in r.get("headers", {}).items()},
                         float(r.get("seconds", 0.0)), r.get("error")) for r in rows]

    def wait_ready(self, path: str, timeout: float) -> bool:
        """Poll *path* until it answers, the container exits, or *timeout* passes."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            [response] = self._probe("ready", [{"path": path, "timeout": 2}],
                                     timeout=max(0.5, min(3.0, left)))
            if response.status is not None:
                return True
            if left <= 0 or not self.running():
                if not self.running():
                    self.problem = "the container exited before it answered"
                return False

    def request(self, method: str, path: str, body: Any = None, *,
                headers: Mapping[str, str] | None = None, timeout: float = 5) -> Response:
        [response] = self.requests([{"method": method, "path": path, "body": body,
                                     "headers": dict(headers or {}), "timeout": timeout}])
        return response

    def requests(self, requests: list[dict[str, Any]], concurrency: int = 1) -> list[Response]:
        """Send requests (``method``, ``path``, ``body``: text or JSON-able, ``headers``)."""
        prepared = []
        for req in requests:
            body = req.get("body")
            headers = dict(req.get("headers") or {})
            if body is not None and not isinstance(body, str):
                body = json.dumps(body)
                headers.setdefault("Content-Type", "application/json")
            prepared.append({"method": req.get("method", "GET"), "path": req["path"],
                             "body": body, "headers": headers,
                             "timeout": req.get("timeout", 5)})
        return self._probe("requests", prepared, concurrency=concurrency)

    def process_uids(self) -> list[int]:
        """User ids of the processes running in the container (from the host's view)."""
        try:
            top = self.container.top(ps_args="-o uid,pid,comm")
        except Exception:  # noqa: BLE001 - a stopped container has no processes
            return []
        titles = [t.upper() for t in top.get("Titles", [])]
        column = titles.index("UID") if "UID" in titles else 0
        return [int(row[column]) for row in top.get("Processes") or []
                if str(row[column]).isdigit()]

    def running(self) -> bool:
        try:
            self.container.reload()
        except Exception:  # noqa: BLE001 - a removed container is not running
            return False
        return bool(self.container.attrs.get("State", {}).get("Running"))

    def logs(self) -> str:
        with contextlib.suppress(Exception):
            return str(self.container.logs(tail=200).decode("utf-8", "replace"))[-MAX_LOG:]
        return ""


def _cached_steps(log: str) -> list[int]:
    """Step numbers the classic builder answered with ' ---> Using cache'."""
    cached, current = [], 0
    for line in log.splitlines():
        match = re.match(r"^Step (\d+)/\d+ :", line)
        if match:
            current = int(match.group(1))
        elif line.strip() == "---> Using cache" and current:
            cached.append(current)
    return cached
