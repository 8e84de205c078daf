"""Building environments through the real engine: offline wheelhouse, hash-checked
installs, CA bundle, tags that follow content, no rebuild when nothing changed."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from academy.cli import main
from academy.environments import BOOTSTRAP_IMAGE, Environments, build, docker_client

from ..conftest import ROOT

pytestmark = [pytest.mark.docker, pytest.mark.slow]

DOCKERFILE = """\
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG PIP_CERT=
ARG WHEELHOUSE_URL=
COPY certs/ /opt/academy/certs/
COPY requirements.lock /opt/academy/tiny.lock
RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-index --require-hashes \\
        ${PIP_CERT:+--cert /opt/academy/certs/ca.crt} \\
        ${WHEELHOUSE_URL:+--find-links $WHEELHOUSE_URL} -r /opt/academy/tiny.lock
"""


def make_wheel(folder: Path, version: str) -> Path:
    """A pure-Python wheel, made here, so the build needs no network at all."""
    name = f"academy_probe-{version}-py3-none-any.whl"
    files = {
        "academy_probe/__init__.py": f"VERSION = {version!r}\n",
        f"academy_probe-{version}.dist-info/METADATA":
            f"Metadata-Version: 2.1\nName: academy-probe\nVersion: {version}\n",
        f"academy_probe-{version}.dist-info/WHEEL":
            "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        record.append(f"{path},sha256={digest.decode()},{len(text.encode())}")
    record.append(f"academy_probe-{version}.dist-info/RECORD,,")
    files[f"academy_probe-{version}.dist-info/RECORD"] = "\n".join(record) + "\n"
    wheel = folder / name
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


@pytest.fixture
def tiny(tmp_path):
    env = tmp_path / "root" / "environments" / "tiny"
    env.mkdir(parents=True)
    (tmp_path / "root" / "modules").mkdir()
    (env / "environment.yaml").write_text("description: a one-package environment for tests\n")
    (env / "Dockerfile").write_text(DOCKERFILE)
    (env / "requirements.in").write_text("academy-probe==1.0\n")
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    wheel = make_wheel(wheels, "1.0")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    (env / "requirements.lock").write_text(f"academy-probe==1.0 \\\n    --hash=sha256:{digest}\n")
    client = docker_client()
    made: list[str] = []
    yield tmp_path / "root", wheels, client, made
    import docker.errors

    for tag in made:
        with contextlib.suppress(docker.errors.ImageNotFound):
            client.images.remove(tag, force=True)


def test_build_installs_from_the_wheelhouse_by_hash_and_skips_unchanged(tiny, tmp_path):
    root, wheels, client, made = tiny
    ca = tmp_path / "corp-ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\nnot a real certificate\n-----END CERTIFICATE-----\n")
    envs = Environments(root)
    kwargs = {"client": client, "base_image": BOOTSTRAP_IMAGE, "wheelhouse": wheels,
              "ca_bundle": ca}
    [(name, tag, built)] = build(envs, "tiny", **kwargs)
    made.append(tag)
    assert (name, built) == ("tiny", True) and tag == envs.tag("tiny", BOOTSTRAP_IMAGE)
    out = client.containers.run(tag, ["sh", "-c", "/opt/venv/bin/python -c 'import academy_probe;"
                                      " print(academy_probe.VERSION)'; cat /opt/academy/certs/ca.crt"],
                                network_disabled=True, remove=True).decode()
    assert "1.0" in out and "not a real certificate" in out
    image = client.images.get(tag)
    assert image.labels["academy.environment"] == "tiny"
    assert image.labels["academy.lock-sha256"] == envs.get("tiny").lock_sha256()

    [(_, again, built)] = build(envs, "tiny", **kwargs)
    assert (again, built) == (tag, False)

    lock = root / "environments" / "tiny" / "requirements.lock"
    lock.write_text(lock.read_text() + "# a new line is new content\n")
    changed = Environments(root)
    [(_, new_tag, built)] = build(changed, "tiny", **kwargs)
    made.append(new_tag)
    assert new_tag != tag and built


def test_a_wheel_whose_hash_is_not_the_locked_one_fails_the_build(tiny):
    root, wheels, client, made = tiny
    for old in wheels.iterdir():
        old.unlink()
    make_wheel(wheels, "1.0").write_bytes(make_wheel(wheels, "1.0").read_bytes() + b"\0")
    envs = Environments(root)
    made.append(envs.tag("tiny", BOOTSTRAP_IMAGE))
    result = CliRunner().invoke(main, ["env", "build", "tiny", "--root", str(root),
                                       "--base-image", BOOTSTRAP_IMAGE, "--wheelhouse",
                                       str(wheels), "--quiet"])
    assert result.exit_code == 2
    assert "building tiny failed" in result.output and "Traceback" not in result.output


def test_env_list_shows_the_repository_environments():
    result = CliRunner().invoke(main, ["env", "list", "--root", str(ROOT),
                                       "--base-image", BOOTSTRAP_IMAGE])
    assert result.exit_code == 0, result.output
    for name in ("base", "torch", "serving"):
        assert name in result.output
    assert Environments(ROOT).tag("base", BOOTSTRAP_IMAGE).split(":")[1] in result.output
    assert " yes " in result.output and " MB" in result.output


def test_bootstrap_base_reuses_the_image_it_made():
    result = CliRunner().invoke(main, ["env", "bootstrap-base"])
    assert result.exit_code == 0, result.output
    assert "already here" in result.output


def test_the_base_image_serves_jupyterlab_with_nbgrader_for_the_learner():
    """The learner's side of the same image: JupyterLab answers, nbgrader's extension is on."""
    import time

    import docker.errors

    envs = Environments(ROOT)
    client = docker_client()
    from academy.environments import find_image

    image = find_image(envs, client, "base")
    assert image is not None, "run `make envs` first"
    container = client.containers.run(
        image.id, ["jupyter", "lab", "--ip=127.0.0.1", "--port=8888", "--no-browser",
                   "--IdentityProvider.token=probe"],
        detach=True, network_mode="none", mem_limit="1g")
    try:
        probe = ("import json, urllib.request; print(json.load(urllib.request.urlopen("
                 "'http://127.0.0.1:8888/api/status?token=probe'))['started'])")
        deadline = time.monotonic() + 60
        while True:
            code, out = container.exec_run(["python", "-c", probe])
            if code == 0 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert code == 0, out.decode()[-500:]
        code, out = container.exec_run(["jupyter", "server", "extension", "list"])
        assert code == 0 and "nbgrader" in out.decode() and "jupyterlab" in out.decode()
        assert container.exec_run(["id", "-un"]).output.decode().strip() == "learner"
    finally:
        with contextlib.suppress(docker.errors.APIError):
            container.remove(force=True)


def test_a_base_image_that_cannot_be_pulled_names_the_bootstrap_command(tmp_path):
    shutil.copytree(ROOT / "environments", tmp_path / "environments")
    (tmp_path / "modules").mkdir()
    result = CliRunner().invoke(main, ["env", "build", "base", "--root", str(tmp_path),
                                       "--base-image", "academy/no-such-base:1", "--quiet"])
    assert result.exit_code == 2
    assert "cannot be pulled" in result.output and "academy env bootstrap-base" in result.output
