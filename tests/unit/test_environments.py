"""Environments as data: loading, parents, and tags that follow content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from academy.environments import EnvError, Environments

from ..conftest import ROOT


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "environments", tmp_path / "environments")
    return tmp_path


def test_the_repository_declares_base_torch_and_serving():
    envs = Environments(ROOT)
    assert {"base", "torch", "serving"} <= set(envs.envs)
    assert [e.name for e in envs.chain("torch")] == ["base", "torch"]
    for env in envs.envs.values():
        text = env.lockfile.read_text()
        pins = [line for line in text.splitlines() if "==" in line and not line.startswith("#")]
        assert pins and all("--hash=sha256:" in line or line.endswith("\\") for line in pins)
    assert "torch==2.13.0+cpu" in envs.get("torch").lockfile.read_text()


def pins(path: Path) -> set[str]:
    return {line.split()[0] for line in path.read_text().splitlines()
            if "==" in line and not line.startswith((" ", "#"))}


def test_each_lock_repeats_its_parents_pins_exactly():
    envs = Environments(ROOT)
    for env in envs.envs.values():
        if env.spec.parent:
            parent = envs.get(env.spec.parent)
            assert pins(parent.lockfile) <= pins(env.lockfile), env.name


def test_the_tag_is_stable_and_follows_dockerfile_lockfile_and_base_image(root):
    envs = Environments(root)
    tag = envs.tag("base")
    assert tag.startswith("academy/base:") and tag == Environments(root).tag("base")
    child = envs.tag("torch")
    assert envs.tag("base", "academy/debian-base:bookworm") != tag
    lock = root / "environments" / "base" / "requirements.lock"
    lock.write_text(lock.read_text() + "# touched\n")
    changed = Environments(root)
    assert changed.tag("base") != tag
    assert changed.tag("torch") != child  # a child follows its parent
    assert changed.tag("serving").split(":")[0] == "academy/serving"


def test_unknown_missing_and_cyclic_environments_are_one_sentence(root):
    with pytest.raises(EnvError, match="no environment named 'gpu'"):
        Environments(root).get("gpu")
    (root / "environments" / "base" / "environment.yaml").write_text(
        "description: the base, now extending torch\nparent: torch\n")
    with pytest.raises(EnvError, match="extends itself"):
        Environments(root)
    (root / "environments" / "base" / "environment.yaml").write_text("description: x\n")
    with pytest.raises(EnvError, match="description"):
        Environments(root)
    (root / "environments" / "base" / "environment.yaml").write_text(
        "description: a fine description\nparent: nothing\n")
    with pytest.raises(EnvError, match="parent 'nothing' is not an environment"):
        Environments(root)


def test_a_missing_lockfile_names_the_command_that_makes_it(root):
    (root / "environments" / "serving" / "requirements.lock").unlink()
    envs = Environments(root)
    with pytest.raises(EnvError, match="academy env lock serving"):
        envs.tag("serving")
