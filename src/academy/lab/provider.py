"""Find, or prepare, what the lab needs on this machine: an engine, a stand-in, a wheelhouse.

``academy lab prepare`` builds the Python stand-in from the base image the course
environments were built on and downloads the wheels ``catalog/lab-wheels.lock`` pins into
``build/lab/wheelhouse``. Grading finds both with :meth:`LabProvider.discover` and opens
one :class:`~academy.lab.lab.Lab` per submission.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from academy.environments import EnvError, Environments, docker_client, find_image
from academy.lab.images import build_standin, find_standin, prepare_wheelhouse
from academy.lab.lab import Lab, LabError

LOCK = Path("catalog") / "lab-wheels.lock"
WHEELHOUSE = Path("build") / "lab" / "wheelhouse"


def wheelhouse_ready(root: Path) -> bool:
    stamp = root / WHEELHOUSE / ".academy-locks"
    return stamp.is_file()


@dataclass
class LabProvider:
    """Everything a :class:`Lab` is made from; ``open()`` makes one per submission."""

    client: Any
    standin: str
    helper_image: str
    wheelhouse: Path | None
    build_timeout: float = 300
    service_base: str | None = None

    @classmethod
    def discover(cls, root: Path, client: Any = None) -> LabProvider:
        """The lab of a machine where ``academy lab prepare`` ran; LabError says what is missing."""
        try:
            client = client or docker_client()
        except EnvError as exc:
            raise LabError(str(exc)) from exc
        standin = find_standin(client)
        if standin is None:
            raise LabError("the Python stand-in image is not built; run `academy lab prepare`")
        if not wheelhouse_ready(root):
            raise LabError(f"the wheelhouse {root / WHEELHOUSE} is not prepared; "
                           "run `academy lab prepare`")
        helper = _helper_image(root, client)
        service_base = service_base_tag(root, standin)
        if not _exists(client, service_base):
            raise LabError("the service base image is not built; run `academy lab prepare`")
        return cls(client, standin, helper, root / WHEELHOUSE, service_base=service_base)

    @contextlib.contextmanager
    def open(self) -> Iterator[Lab]:
        with Lab(self.client, standin=self.standin, helper_image=self.helper_image,
                 wheelhouse=self.wheelhouse, build_timeout=self.build_timeout,
                 service_base=self.service_base) as lab:
            yield lab


def _helper_image(root: Path, client: Any) -> str:
    """The course's base environment image: the prober and the wheelhouse server run in it."""
    try:
        image = find_image(Environments(root), client, "base")
    except EnvError as exc:
        raise LabError(str(exc)) from exc
    if image is None:
        raise LabError("the base environment is not built; run `academy env build base`")
    return next((t for t in image.tags if t.startswith("academy/")), image.id)


def prepare(root: Path, *, client: Any = None, log: Callable[[str], None] = lambda s: None,
            find_links: Path | None = None) -> LabProvider:
    """Build the stand-in (from the base image of the built base environment) and download
    the wheelhouse; both are reused when already there."""
    try:
        client = client or docker_client()
    except EnvError as exc:
        raise LabError(str(exc)) from exc
    helper = _helper_image(root, client)
    base_image = client.images.get(helper).labels.get("academy.base-image")
    if not base_image:
        raise LabError(f"{helper} does not record the base image it was built on")
    try:
        standin = build_standin(client, base_image, log)
        prepare_wheelhouse(root, root / WHEELHOUSE, [root / LOCK], find_links, log)
    except EnvError as exc:
        raise LabError(str(exc)) from exc
    provider = LabProvider(client, standin, helper, root / WHEELHOUSE)
    tag = service_base_tag(root, standin)
    if not _exists(client, tag):
        log(f"building the service base {tag}")
        with provider.open() as lab:
            result = lab.build({"Dockerfile": SERVICE_BASE.format(standin=standin).encode(),
                                "requirements.txt": (root / LOCK).read_bytes()}, keep_as=tag)
        if not result.ok:
            raise LabError(f"building the service base failed: {result.error}")
    provider.service_base = tag
    return provider


SERVICE_BASE = """\
# The lab's service base: the stand-in with every wheel of catalog/lab-wheels.lock, for
# graders that package a learner's code (not a learner's Dockerfile) in seconds.
FROM {standin}
COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir --require-hashes -r /tmp/requirements.txt \\
 && rm /tmp/requirements.txt
"""


def service_base_tag(root: Path, standin: str) -> str:
    digest = hashlib.sha256(standin.encode() + b"\0" + (root / LOCK).read_bytes()
                            + SERVICE_BASE.encode())
    return f"academy/lab-service-base:{digest.hexdigest()[:16]}"


def _exists(client: Any, tag: str) -> bool:
    import docker.errors

    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound:
        return False
    return True
