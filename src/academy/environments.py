"""Reproducible environments: ``environments/<name>/`` built into Docker images.

Each environment is a folder with

``environment.yaml``   a description and, optionally, the environment it extends
``Dockerfile``         how the image is made (learner's JupyterLab and grader alike)
``requirements.in``    what we ask for
``requirements.lock``  every package pinned with its hashes (``academy env lock``)

The image tag is a hash of what decides the image's content: the Dockerfile,
the lockfile, and the parent's tag (or, for a root environment, the base
image's name). Unchanged content names the same tag, so an unchanged
environment is never rebuilt and a grading record names the exact image.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

DEFAULT_BASE_IMAGE = "python:3.11-slim"
BOOTSTRAP_IMAGE = "academy/debian-base:bookworm"
IMAGE_REPOSITORY = "academy"
HASH_VERSION = b"academy-environment-v1\n"
LOCK_NAME_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", re.MULTILINE)


class EnvError(Exception):
    """An environment problem; the message is one sentence for the user."""


class EnvironmentSpec(BaseModel):
    """``environment.yaml``: what an environment is for and what it extends."""

    model_config = ConfigDict(extra="forbid")

    description: str = Field(min_length=10, description="What the environment is for.")
    parent: str | None = Field(
        default=None,
        description="Environment whose image this one starts from (its Dockerfile takes "
                    "PARENT_IMAGE); none means it starts from the base image (BASE_IMAGE).")


@dataclass(frozen=True)
class Environment:
    name: str
    folder: Path
    spec: EnvironmentSpec

    @property
    def dockerfile(self) -> Path:
        return self.folder / "Dockerfile"

    @property
    def lockfile(self) -> Path:
        return self.folder / "requirements.lock"

    @property
    def requirements(self) -> Path:
        return self.folder / "requirements.in"

    def lock_sha256(self) -> str:
        return hashlib.sha256(self.lockfile.read_bytes()).hexdigest()

    def locked_projects(self) -> set[str]:
        """Normalised names of the projects the lockfile pins."""
        text = self.lockfile.read_text()
        return {_normalise(m.group(1)) for m in LOCK_NAME_RE.finditer(text)}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class Environments:
    """All environments under ``ROOT/environments``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        folder = root / "environments"
        if not folder.is_dir():
            raise EnvError(f"{folder} does not exist; this is not an academy checkout")
        self.envs: dict[str, Environment] = {}
        for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
            self.envs[sub.name] = _load(sub)
        for env in self.envs.values():
            if env.spec.parent is not None and env.spec.parent not in self.envs:
                raise EnvError(f"{env.folder / 'environment.yaml'}: parent "
                               f"{env.spec.parent!r} is not an environment")
        for name in self.envs:
            self.chain(name)  # refuses cycles

    def get(self, name: str) -> Environment:
        try:
            return self.envs[name]
        except KeyError:
            known = ", ".join(sorted(self.envs)) or "none"
            raise EnvError(f"no environment named {name!r} (known: {known})") from None

    def chain(self, name: str) -> list[Environment]:
        """The environment and its ancestors, root first."""
        seen: list[Environment] = []
        env: Environment | None = self.get(name)
        while env is not None:
            if env in seen:
                raise EnvError(f"environment {name!r} extends itself through its parents")
            seen.append(env)
            env = self.envs[env.spec.parent] if env.spec.parent else None
        return list(reversed(seen))

    def content_hash(self, name: str, base_image: str = DEFAULT_BASE_IMAGE) -> str:
        """Hash of everything that decides the image: Dockerfiles, lockfiles, base image."""
        digest = hashlib.sha256(HASH_VERSION)
        digest.update(b"base-image\0" + base_image.encode() + b"\0")
        for env in self.chain(name):
            if not env.lockfile.is_file():
                raise EnvError(f"{env.lockfile} is missing; run `academy env lock {env.name}`")
            for path in (env.dockerfile, env.lockfile):
                data = path.read_bytes()
                digest.update(f"{env.name}/{path.name}\0{len(data)}\0".encode())
                digest.update(data)
        return digest.hexdigest()[:16]

    def tag(self, name: str, base_image: str = DEFAULT_BASE_IMAGE) -> str:
        return f"{IMAGE_REPOSITORY}/{name}:{self.content_hash(name, base_image)}"


def _load(folder: Path) -> Environment:
    spec_path = folder / "environment.yaml"
    for needed in ("environment.yaml", "Dockerfile", "requirements.in"):
        if not (folder / needed).is_file():
            raise EnvError(f"{folder / needed} is missing")
    try:
        data = yaml.safe_load(spec_path.read_text())
        spec = EnvironmentSpec.model_validate(data)
    except yaml.YAMLError as exc:
        raise EnvError(f"{spec_path} is not valid YAML ({exc})") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise EnvError(f"{spec_path}: {where}: {first['msg']}") from exc
    return Environment(folder.name, folder, spec)


# --- the Docker engine --------------------------------------------------------------


def docker_client(timeout: int = 600) -> Any:
    """A client for the local engine, or an EnvError saying why there is none."""
    try:
        import docker
        import docker.errors
    except ImportError as exc:  # pragma: no cover - docker is a dependency
        raise EnvError("the docker Python package is not installed") from exc
    try:
        client = docker.from_env(timeout=timeout)
        client.ping()
    except docker.errors.DockerException as exc:
        raise EnvError("no Docker engine answers (is dockerd running and "
                       "/var/run/docker.sock readable?)") from exc
    return client


@functools.lru_cache(maxsize=1)
def engine_available() -> bool:
    try:
        docker_client(timeout=5)
    except EnvError:
        return False
    return True


@dataclass
class EnvStatus:
    name: str
    tag: str
    parent: str | None
    built: bool
    size_mb: float | None
    image_id: str | None


def status(envs: Environments, client: Any, base_image: str = DEFAULT_BASE_IMAGE
           ) -> list[EnvStatus]:
    import docker.errors

    rows = []
    for name, env in envs.envs.items():
        tag = envs.tag(name, base_image)
        try:
            image = client.images.get(tag)
            rows.append(EnvStatus(name, tag, env.spec.parent, True,
                                  round(image.attrs.get("Size", 0) / 1e6, 1), image.id))
        except docker.errors.ImageNotFound:
            rows.append(EnvStatus(name, tag, env.spec.parent, False, None, None))
    return rows


def find_image(envs: Environments, client: Any, name: str) -> Any | None:
    """The newest built image of *name* whose tag matches the current content, any base."""
    import docker.errors

    env = envs.get(name)
    candidates = client.images.list(filters={"label": [f"academy.environment={env.name}"]})
    for image in candidates:
        base = image.labels.get("academy.base-image")
        if base is None:
            continue
        try:
            if envs.tag(name, base) in image.tags:
                return image
        except EnvError:
            continue
    try:
        return client.images.get(envs.tag(name))
    except docker.errors.ImageNotFound:
        return None


@contextmanager
def _serve_folder(folder: Path | None) -> Iterator[str]:
    """Serve *folder* read-only on 127.0.0.1 for the build (a pip --find-links page)."""
    if folder is None:
        yield ""
        return
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def _wheelhouse_for(env: Environment, wheelhouse: Path | None, scratch: Path) -> Path | None:
    """A folder holding just the wheelhouse files of projects this lockfile pins."""
    if wheelhouse is None:
        return None
    if not wheelhouse.is_dir():
        raise EnvError(f"--wheelhouse {wheelhouse} is not a folder")
    wanted = env.locked_projects()
    chosen = scratch / "wheelhouse"
    chosen.mkdir()
    for path in sorted(wheelhouse.iterdir()):
        if path.suffix in {".whl", ".gz", ".zip"} and \
                _normalise(path.name.split("-")[0]) in wanted:
            target = chosen / path.name
            try:
                target.hardlink_to(path)
            except OSError:
                shutil.copy2(path, target)
    return chosen


def build(envs: Environments, name: str, *, client: Any, base_image: str = DEFAULT_BASE_IMAGE,
          ca_bundle: Path | None = None, wheelhouse: Path | None = None,
          log: Callable[[str], None] = lambda line: None, force: bool = False
          ) -> list[tuple[str, str, bool]]:
    """Build *name* and its parents; returns (name, tag, built_now) for each, root first."""
    import docker.errors

    if ca_bundle is not None and not ca_bundle.is_file():
        raise EnvError(f"--ca-bundle {ca_bundle} is not a file")
    done = []
    for env in envs.chain(name):
        tag = envs.tag(env.name, base_image)
        try:
            client.images.get(tag)
            exists = True
        except docker.errors.ImageNotFound:
            exists = False
        if exists and not force:
            log(f"{env.name}: {tag} is up to date")
            done.append((env.name, tag, False))
            continue
        if env.spec.parent is None:
            _require_base(client, base_image)
        parent_tag = envs.tag(env.spec.parent, base_image) if env.spec.parent else None
        log(f"{env.name}: building {tag}")
        _build_one(env, tag, client=client, base_image=base_image, parent_tag=parent_tag,
                   ca_bundle=ca_bundle, wheelhouse=wheelhouse, log=log)
        done.append((env.name, tag, True))
    return done


def _require_base(client: Any, base_image: str) -> None:
    import docker.errors

    try:
        client.images.get(base_image)
        return
    except docker.errors.ImageNotFound:
        pass
    try:
        client.images.pull(base_image)
    except docker.errors.DockerException as exc:
        raise EnvError(f"the base image {base_image} is not here and cannot be pulled; on a "
                       f"machine with no registry run `academy env bootstrap-base` and pass "
                       f"--base-image {BOOTSTRAP_IMAGE}") from exc


def _build_one(env: Environment, tag: str, *, client: Any, base_image: str,
               parent_tag: str | None, ca_bundle: Path | None, wheelhouse: Path | None,
               log: Callable[[str], None]) -> None:
    with tempfile.TemporaryDirectory(prefix="academy-envbuild-") as tmp:
        ctx = Path(tmp) / "context"
        ctx.mkdir()
        shutil.copy2(env.dockerfile, ctx / "Dockerfile")
        shutil.copy2(env.lockfile, ctx / "requirements.lock")
        certs = ctx / "certs"
        certs.mkdir()
        if ca_bundle is not None:
            shutil.copy2(ca_bundle, certs / "ca.crt")
        else:
            (certs / "README").write_text("No CA bundle was given for this build.\n")
        wheels = _wheelhouse_for(env, wheelhouse, Path(tmp))
        with _serve_folder(wheels) as wheel_url:
            buildargs = {"WHEELHOUSE_URL": wheel_url, "PIP_CERT": "1" if ca_bundle else ""}
            if parent_tag is not None:
                buildargs["PARENT_IMAGE"] = parent_tag
            else:
                buildargs["BASE_IMAGE"] = base_image
            labels = {"academy.environment": env.name, "academy.base-image": base_image,
                      "academy.lock-sha256": env.lock_sha256()}
            tail: list[str] = []
            stream = client.api.build(path=str(ctx), tag=tag, buildargs=buildargs, labels=labels,
                                      network_mode="host", rm=True, forcerm=True, pull=False,
                                      decode=True)
            error = None
            for chunk in stream:
                if "stream" in chunk:
                    for line in chunk["stream"].splitlines():
                        if line.strip():
                            log(f"  {line}")
                            tail = (tail + [line])[-15:]
                if "error" in chunk:
                    error = chunk["error"].strip()
        if error is not None:
            detail = " | ".join(tail[-6:])
            raise EnvError(f"building {env.name} failed: {error} (last output: {detail})")


# --- locking --------------------------------------------------------------------------


def lock(env: Environment, *, index_url: str = "https://pypi.org/simple",
         wheelhouse: Path | None = None, ca_bundle: Path | None = None) -> None:
    """Pin ``requirements.in`` with hashes into ``requirements.lock`` (pip-compile)."""
    beside = Path(sys.executable).parent / "pip-compile"
    compile_cmd = str(beside) if beside.is_file() else shutil.which("pip-compile")
    if compile_cmd is None:
        raise EnvError("pip-compile is not installed (pip install pip-tools)")
    pip_args = ["--isolated"]
    if ca_bundle is not None:
        pip_args += ["--cert", str(ca_bundle)]
    if wheelhouse is not None:
        pip_args += ["--find-links", str(wheelhouse)]
    cmd = [compile_cmd, "--quiet", "--generate-hashes", "--allow-unsafe", "--strip-extras",
           "--no-emit-index-url", "--no-emit-find-links", "--no-header",
           "--index-url", index_url, "--pip-args", " ".join(pip_args),
           "--output-file", "requirements.lock.new", "requirements.in"]
    result = subprocess.run(cmd, cwd=env.folder, capture_output=True, text=True, check=False)  # noqa: S603
    new = env.folder / "requirements.lock.new"
    if result.returncode != 0:
        new.unlink(missing_ok=True)
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise EnvError(f"locking {env.name} failed: {last}")
    header = (f"# Generated by `academy env lock {env.name}` from requirements.in; do not edit.\n"
              "# Every package is pinned with its hashes: pip installs it with --require-hashes.\n")
    new.write_text(header + new.read_text())
    new.replace(env.lockfile)


# --- a Debian base image for machines with no registry -------------------------------


def bootstrap_base(client: Any, *, tag: str = BOOTSTRAP_IMAGE, suite: str = "bookworm",
                   mirror: str = "http://deb.debian.org/debian",
                   log: Callable[[str], None] = lambda line: None) -> str:
    """Build a minimal Debian image with debootstrap and import it as *tag*."""
    import docker.errors

    try:
        image = client.images.get(tag)
        log(f"{tag} is already here ({image.short_id})")
        return str(image.id)
    except docker.errors.ImageNotFound:
        pass
    debootstrap = shutil.which("debootstrap")
    if debootstrap is None:
        raise EnvError("debootstrap is not installed (apt-get install debootstrap)")
    with tempfile.TemporaryDirectory(prefix="academy-rootfs-") as tmp:
        rootfs = Path(tmp) / "rootfs"
        log(f"debootstrap {suite} from {mirror} (about a minute)")
        result = subprocess.run(  # noqa: S603 - fixed argv
            [debootstrap, "--variant=minbase",
             "--include=python3,python3-venv,ca-certificates,tini",
             suite, str(rootfs), mirror], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            last = (result.stdout.strip().splitlines() or ["no output"])[-1]
            raise EnvError(f"debootstrap failed (are you root?): {last}")
        log(f"importing {rootfs} as {tag}")
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."],  # noqa: S603, S607
                               stdout=subprocess.PIPE)
        assert tar.stdout is not None
        repository, _, version = tag.rpartition(":")
        try:
            client.api.import_image_from_stream(tar.stdout, repository=repository, tag=version)
        finally:
            tar.stdout.close()
            tar.wait()
        if tar.returncode != 0:
            raise EnvError("packing the Debian root file system failed")
    return str(client.images.get(tag).id)
