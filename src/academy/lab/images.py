"""What the lab provides to learner builds: stand-in base images and a wheelhouse.

Grading builds run offline. A learner's Dockerfile says ``FROM python:3.11-slim``
as it would anywhere; the lab builds it ``FROM`` a local *stand-in* instead: a
Debian 12 image with Python 3.11 in a venv on ``PATH`` (``python`` and ``pip``)
and a ``/etc/pip.conf`` that sends pip to the lab's wheelhouse server, the
only thing a build step can reach. The wheelhouse holds the wheels the course's
``serving`` environment pins, downloaded once by ``academy lab prepare``.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from academy.environments import EnvError

STANDIN_LABEL = "academy.stand-in"
WHEELHOUSE_PORT = 3141
# The public images a learner may name in FROM, each served by the stand-in. The unpinned
# names are accepted too (and served by the same 3.11 stand-in), so that a check that judges
# pinning can fail them alone instead of the whole build.
STANDS_IN_FOR = ("python:3.11-slim", "python:3.11", "python:3.11-slim-bookworm",
                 "python:3.11-bookworm", "python:3", "python:latest", "python")

STANDIN_DOCKERFILE = f"""\
# A stand-in for python:3.11-slim on machines with no registry (built by `academy lab prepare`).
ARG BASE_IMAGE
FROM ${{BASE_IMAGE}}
USER root
RUN set -eu; \\
    if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then \\
        apt-get update; \\
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-venv; \\
        rm -rf /var/lib/apt/lists/*; \\
    fi; \\
    python3 -m venv /usr/local/python; \\
    rm -rf /root/.cache; \\
    printf '[global]\\nno-index = true\\nfind-links = http://127.0.0.1:{WHEELHOUSE_PORT}/\\n\
disable-pip-version-check = true\\n' > /etc/pip.conf
ENV PATH=/usr/local/python/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    LANG=C.UTF-8
WORKDIR /
CMD ["python3"]
"""


def standin_tag(base_image: str) -> str:
    digest = hashlib.sha256(STANDIN_DOCKERFILE.encode() + b"\0" + base_image.encode())
    return f"academy/python-standin:{digest.hexdigest()[:16]}"


def build_standin(client: Any, base_image: str, log: Callable[[str], None] = lambda s: None
                  ) -> str:
    """Build (once) the stand-in for *base_image*; returns its tag."""
    import docker.errors

    tag = standin_tag(base_image)
    try:
        client.images.get(tag)
        log(f"stand-in {tag} is already built")
        return tag
    except docker.errors.ImageNotFound:
        pass
    context = io.BytesIO()
    with tarfile.open(fileobj=context, mode="w") as tar:
        data = STANDIN_DOCKERFILE.encode()
        info = tarfile.TarInfo("Dockerfile")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    context.seek(0)
    log(f"building stand-in {tag} from {base_image}")
    try:
        client.images.build(fileobj=context, custom_context=True, tag=tag, rm=True,
                            forcerm=True, buildargs={"BASE_IMAGE": base_image},
                            labels={STANDIN_LABEL: ",".join(STANDS_IN_FOR),
                                    "academy.base-image": base_image})
    except (docker.errors.BuildError, docker.errors.APIError) as exc:
        raise EnvError(f"building the python stand-in from {base_image} failed: {exc}") from exc
    return tag


def find_standin(client: Any) -> str | None:
    """The tag of a built stand-in (the newest), or None."""
    images = client.images.list(filters={"label": STANDIN_LABEL})
    images.sort(key=lambda i: i.attrs.get("Created", ""), reverse=True)
    for image in images:
        for tag in image.tags:
            if tag.startswith("academy/python-standin:"):
                return str(tag)
    return None


@dataclass(frozen=True)
class Wheelhouse:
    folder: Path
    count: int


def prepare_wheelhouse(root: Path, out: Path, locks: list[Path],
                       find_links: Path | None = None,
                       log: Callable[[str], None] = lambda s: None) -> Wheelhouse:
    """Download (once per lock content) every wheel the *locks* pin into *out*."""
    digest = hashlib.sha256()
    for lock in locks:
        digest.update(lock.read_bytes())
    stamp = out / ".academy-locks"
    if stamp.is_file() and stamp.read_text() == digest.hexdigest():
        count = len(list(out.glob("*.whl")))
        log(f"wheelhouse {out} is up to date ({count} wheels)")
        return Wheelhouse(out, count)
    out.mkdir(parents=True, exist_ok=True)
    for lock in locks:
        log(f"downloading the wheels {lock.relative_to(root)} pins into {out}")
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
               "--only-binary=:all:", "--require-hashes", "--disable-pip-version-check",
               "--python-version", "3.11", "--platform", "manylinux2014_x86_64",
               "--platform", "manylinux_2_28_x86_64", "--platform", "manylinux_2_17_x86_64",
               "--implementation", "cp", "-r", str(lock), "-d", str(out)]
        if find_links is not None:
            cmd += ["--find-links", str(find_links)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise EnvError(f"downloading wheels for {lock.name} failed: {last}")
    stamp.write_text(digest.hexdigest())
    count = len(list(out.glob("*.whl")))
    return Wheelhouse(out, count)
