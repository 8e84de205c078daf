"""``academy hub``: everything a course hub needs, made ready, then JupyterHub started.

``prepare`` is idempotent and keeps all state in one folder (default
``build/hub``)::

    settings.json     what deploy/jupyterhub/jupyterhub_config.py reads
    jupyterhub.sqlite the hub's database          cookie_secret, proxy.pid
    passwords.json    scrypt hashes (academy.hub.auth)
    admin-password    the first-run admin's password, 0600, until changed
    admin-token       the toolkit's own API token (service academy-admin), 0600
    exchange/         the course exchange's files (exercises, courses/...)
    client/           the learner's ``academy`` command, mounted into servers

One instance name ties together what lives in Docker: the internal network
``academy-hub-<instance>`` (no route out; the hub and the exchange listen on
its gateway), the servers ``academy-<instance>-<user>`` and the volumes
``academy-<instance>-<user>``. ``teardown`` removes them all.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from academy.catalog.load import Catalog, CatalogError, ExerciseEntry
from academy.environments import EnvError, Environments, docker_client, find_image
from academy.hub.auth import USERNAME, PasswordStore

CHP_VERSION = "5.3.0"
HUB_LABEL = "academy.hub"
LEARNER_HOME = "/home/learner"
CLIENT_MOUNT = "/opt/academy/client"
RUNTIME_FILES = ("codec.py", "feedback.py")


class HubError(Exception):
    """The hub cannot be made ready; one sentence for the user."""


@dataclass
class HubSettings:
    root: str
    state: str
    instance: str
    ip: str
    port: int
    hub_ip: str
    hub_port: int
    proxy_api_port: int
    exchange_port: int
    network: str
    images: dict[str, str]
    default_image: str
    courses: list[str]
    admin_user: str
    chp: str
    python: str
    mem_limit: str = "2G"
    cpu_limit: float = 1.0
    cull_timeout: int = 3600
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    @property
    def exchange_url(self) -> str:
        """What servers use: the exchange directly, on the network's gateway."""
        return f"http://{self.hub_ip}:{self.exchange_port}/services/exchange/"

    @property
    def public_exchange_url(self) -> str:
        """What the host uses: the exchange through the hub's proxy."""
        return f"{self.url}/services/exchange/"

    def save(self) -> Path:
        path = Path(self.state) / "settings.json"
        path.write_text(json.dumps(asdict(self), indent=1) + "\n")
        return path

    @classmethod
    def load(cls, state: Path) -> HubSettings:
        path = state / "settings.json"
        if not path.is_file():
            raise HubError(f"{state} holds no hub (no settings.json); run 'academy hub start' "
                           "first")
        return cls(**json.loads(path.read_text()))

    def admin_token(self) -> str:
        return (Path(self.state) / "admin-token").read_text().strip()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _secret_file(path: Path, make: Callable[[], str]) -> str:
    if path.is_file():
        return path.read_text().strip()
    value = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value + "\n")
    return value


# --- configurable-http-proxy ------------------------------------------------------------


def find_chp(root: Path, install: bool = True) -> str:
    """configurable-http-proxy from PATH, or from npm into build/npm (installed once)."""
    local = root / "build" / "npm" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.is_file():
        return str(local)
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    npm = shutil.which("npm")
    if not install or npm is None:
        raise HubError("configurable-http-proxy is missing and npm is not installed "
                       "(apt-get install npm)")
    import fcntl

    prefix = root / "build" / "npm"
    prefix.mkdir(parents=True, exist_ok=True)
    with open(prefix / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two hubs starting at once install it once
        if local.is_file():
            return str(local)
        result = subprocess.run(  # noqa: S603
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix),
             f"configurable-http-proxy@{CHP_VERSION}"],
            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not local.is_file():
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise HubError(f"npm could not install configurable-http-proxy: {last}")
    return str(local)


# --- Docker: network and images ---------------------------------------------------------


def ensure_network(client: Any, name: str, instance: str) -> str:
    """An internal network (no route out); returns its gateway, where the hub listens."""
    import docker.errors

    try:
        net = client.networks.get(name)
    except docker.errors.NotFound:
        net = client.networks.create(name, driver="bridge", internal=True,
                                     labels={HUB_LABEL: instance})
        net.reload()
    configs = net.attrs.get("IPAM", {}).get("Config") or []
    gateway = next((c.get("Gateway") for c in configs if c.get("Gateway")), None)
    if not gateway:
        raise HubError(f"the Docker network {name} has no gateway address")
    return str(gateway)


def singleuser_folder(root: Path) -> Path:
    return root / "deploy" / "jupyterhub" / "singleuser"


def singleuser_tag(root: Path, env: str, env_image_id: str) -> str:
    digest = hashlib.sha256(env_image_id.encode())
    folder = singleuser_folder(root)
    for path in sorted(folder.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"academy/hub-{env}:{digest.hexdigest()[:16]}"


def build_singleuser(root: Path, client: Any, env: str, *, ca_bundle: Path | None = None,
                     log: Callable[[str], None] = lambda line: None) -> str:
    """The learner's server image for one environment (built once per content hash)."""
    import docker.errors

    envs = Environments(root)
    try:
        envs.get(env)
    except EnvError as exc:
        raise HubError(str(exc)) from exc
    env_image = find_image(envs, client, env)
    if env_image is None:
        raise HubError(f"the environment image {env} is not built; run "
                       f"'academy env build {env}' (or make envs) first")
    tag = singleuser_tag(root, env, env_image.id)
    try:
        client.images.get(tag)
        return tag
    except docker.errors.ImageNotFound:
        pass
    if ca_bundle is None and Path("/etc/ssl/certs/ca-certificates.crt").is_file():
        ca_bundle = Path("/etc/ssl/certs/ca-certificates.crt")
    log(f"building the server image {tag} from {env_image.tags[0] if env_image.tags else env}")
    with tempfile.TemporaryDirectory(prefix="academy-hub-image-") as tmp:
        ctx = Path(tmp)
        for path in singleuser_folder(root).iterdir():
            if path.is_file():
                shutil.copy2(path, ctx / path.name)
        (ctx / "certs").mkdir()
        if ca_bundle is not None:
            shutil.copy2(ca_bundle, ctx / "certs" / "ca.crt")
        else:
            (ctx / "certs" / "README").write_text("No CA bundle was given for this build.\n")
        stream = client.api.build(
            path=str(ctx), tag=tag, rm=True, forcerm=True, pull=False, decode=True,
            network_mode="host", labels={HUB_LABEL: "singleuser", "academy.environment": env},
            buildargs={"ENV_IMAGE": env_image.id, "PIP_CERT": "1" if ca_bundle else ""})
        tail: list[str] = []
        for chunk in stream:
            for line in str(chunk.get("stream", "")).splitlines():
                if line.strip():
                    tail = (tail + [line])[-8:]
                    log(f"  {line}")
            if "error" in chunk:
                raise HubError(f"building the server image for {env} failed: "
                               f"{chunk['error'].strip()} (last output: {' | '.join(tail)})")
    return tag


# --- exercises for the exchange --------------------------------------------------------


def _exercise_hash(entry: ExerciseEntry) -> str:
    from academy.build.student import RUNTIME

    digest = hashlib.sha256()
    files = [entry.source, *sorted(entry.data_files().values()), entry.grader / "public.py",
             *(RUNTIME / name for name in RUNTIME_FILES)]
    for path in files:
        digest.update(str(path.name).encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def publish_exercises(catalog: Catalog, store: Path, only: Iterable[str] | None = None,
                      log: Callable[[str], None] = lambda line: None) -> list[str]:
    """Student versions into ``store/exercises`` (rebuilt only when their content changed)."""
    from academy.build.student import build_exercise

    entries = [catalog.exercise(key) for key in only] if only else catalog.exercises()
    out = store / "exercises"
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for entry in entries:
        stamp = out / entry.module.id / f"{entry.id}.sha256"
        wanted = _exercise_hash(entry)
        zipped = out / entry.module.id / f"{entry.id}.zip"
        if not (zipped.is_file() and stamp.is_file() and stamp.read_text() == wanted):
            log(f"building the student version of {entry.key}")
            build_exercise(entry, out)
            stamp.write_text(wanted)
        rows.append({"module": entry.module.id, "exercise": entry.id, "title": entry.spec.title,
                     "module_title": entry.module.title, "points": entry.spec.points,
                     "environment": entry.environment, "minutes": entry.spec.minutes})
    (out / "catalog.json").write_text(json.dumps({"exercises": rows}, indent=1) + "\n")
    return [f"{r['module']}/{r['exercise']}" for r in rows]


def write_client(state: Path) -> Path:
    """The learner's ``academy`` command, as a folder to mount into servers."""
    source = Path(__file__).resolve().parent / "learner.py"
    folder = state / "client"
    (folder / "bin").mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, folder / "academy_learner.py")
    script = folder / "bin" / "academy"
    script.write_text("#!/opt/venv/bin/python\nimport sys\n"
                      f"sys.path.insert(0, {CLIENT_MOUNT!r})\n"
                      "from academy_learner import main\nsys.exit(main())\n")
    script.chmod(0o755)
    for path in (folder, folder / "bin"):
        path.chmod(0o755)
    (folder / "academy_learner.py").chmod(0o644)
    return folder


# --- prepare, run, tear down --------------------------------------------------------------


def prepare(root: Path, state: Path, *, instance: str = "main", ip: str = "127.0.0.1",
            port: int = 8000, envs: Iterable[str] = ("base",), courses: Iterable[str] = ("academy",),
            exercises: Iterable[str] | None = None, admin_user: str = "admin",
            mem_limit: str = "2G", cpu_limit: float = 1.0, cull_timeout: int = 3600,
            log: Callable[[str], None] = lambda line: None) -> tuple[HubSettings, str | None]:
    """Make everything ready; returns the settings and the admin password if just made."""
    for name in [instance, *courses]:
        if not USERNAME.match(name):
            raise HubError(f"{name!r} is not a valid name (lower-case letters, digits, - and _)")
    if not USERNAME.match(admin_user):
        raise HubError(f"{admin_user!r} is not a valid user name")
    state = state.resolve()
    catalog = Catalog.load(root)
    exercises = list(exercises) if exercises else None
    for key in exercises or []:
        try:
            catalog.exercise(key)
        except CatalogError as exc:
            raise HubError(str(exc)) from None
    known = Environments(root)
    for env in envs:
        try:
            known.get(env)
        except EnvError as exc:
            raise HubError(str(exc)) from exc
    state.mkdir(parents=True, exist_ok=True)
    try:
        client = docker_client()
    except EnvError as exc:
        raise HubError(str(exc)) from exc
    chp = find_chp(root)
    network = f"academy-hub-{instance}"
    gateway = ensure_network(client, network, instance)
    images = {env: build_singleuser(root, client, env, log=log) for env in envs}
    if not images:
        raise HubError("name at least one environment for the learners' servers")
    publish_exercises(catalog, state / "exchange", exercises, log=log)
    write_client(state)
    _secret_file(state / "admin-token", lambda: secrets.token_hex(32))
    store = PasswordStore(state / "passwords.json")
    password = None
    if admin_user not in store.load():
        password = secrets.token_urlsafe(12)
        store.set(admin_user, password)
        path = state / "admin-password"
        path.unlink(missing_ok=True)
        _secret_file(path, lambda: password or "")
    settings = HubSettings(
        root=str(root.resolve()), state=str(state), instance=instance, ip=ip, port=port,
        hub_ip=gateway, hub_port=free_port(gateway), proxy_api_port=free_port(),
        exchange_port=free_port(gateway), network=network, images=images,
        default_image=next(iter(images.values())), courses=list(courses), admin_user=admin_user,
        chp=chp, python=sys.executable, mem_limit=mem_limit, cpu_limit=cpu_limit,
        cull_timeout=cull_timeout)
    settings.save()
    return settings, password


def config_file(root: Path) -> Path:
    return root / "deploy" / "jupyterhub" / "jupyterhub_config.py"


def command(settings: HubSettings) -> tuple[list[str], dict[str, str]]:
    """The JupyterHub command line and environment for these settings."""
    root = Path(settings.root)
    hub = Path(settings.python).parent / "jupyterhub"
    env = dict(os.environ)
    env["ACADEMY_HUB_SETTINGS"] = str(Path(settings.state) / "settings.json")
    env["PATH"] = f"{Path(settings.python).parent}{os.pathsep}{env.get('PATH', '')}"
    return [str(hub), "-f", str(config_file(root))], env


def start(settings: HubSettings, log_file: Path | None = None) -> subprocess.Popen[bytes]:
    """JupyterHub in the background (its log in state/jupyterhub.log)."""
    cmd, env = command(settings)
    log_path = log_file or Path(settings.state) / "jupyterhub.log"
    with open(log_path, "ab") as log:
        return subprocess.Popen(cmd, cwd=settings.state, env=env, stdout=log,  # noqa: S603
                                stderr=subprocess.STDOUT, start_new_session=True)


def teardown(instance: str, *, volumes: bool = True, wait: float = 60.0) -> list[str]:
    """Remove the instance's servers, their volumes (unless told not to) and its network.

    A hub that is shutting down removes its servers itself; a removal already in
    progress is waited for rather than treated as an error.
    """
    import time

    import docker.errors

    client = docker_client()
    label = {"label": f"{HUB_LABEL}={instance}"}
    removed = []
    deadline = time.monotonic() + wait
    while True:
        left = client.containers.list(all=True, filters=label, ignore_removed=True)
        if not left:
            break
        for container in left:
            try:
                container.remove(force=True)
                removed.append(container.name)
            except docker.errors.NotFound:
                pass
            except docker.errors.APIError as exc:  # e.g. 409: removal already in progress
                if time.monotonic() > deadline:
                    raise HubError(f"could not remove {container.name}: {exc}") from exc
        time.sleep(0.5)
    names = [v.name for v in client.volumes.list(filters=label)] if volumes else []
    try:
        network = client.networks.get(f"academy-hub-{instance}")
    except docker.errors.NotFound:
        network = None
    for name in names:
        _retry(functools.partial(_remove_volume, client, name), deadline)
        removed.append(name)
    if network is not None:
        _retry(network.remove, deadline)
        removed.append(network.name)
    return removed


def _remove_volume(client: Any, name: str) -> None:
    client.volumes.get(name).remove(force=True)


def _retry(action: Callable[[], Any], deadline: float) -> None:
    import time

    import docker.errors

    while True:
        try:
            action()
            return
        except docker.errors.NotFound:
            return
        except docker.errors.APIError as exc:
            if time.monotonic() > deadline:
                raise HubError(f"Docker refused a clean-up step: {exc}") from exc
            time.sleep(0.5)
