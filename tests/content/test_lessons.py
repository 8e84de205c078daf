"""Lessons are code: every python block runs, and each module meets the depth bar."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from academy.catalog.load import Catalog

from ..conftest import ROOT

CATALOG = Catalog.load(ROOT)
PAGES = [(m.id, ROOT / "modules" / m.id / lesson.file)
         for m in CATALOG.modules.values() for lesson in m.lessons]
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
MIN_WORDS = {"m04-evaluation": 3000}


def blocks(text: str, language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(text) if lang == language]


def prose_words(text: str) -> int:
    return len(FENCE.sub("", text).split())


@pytest.mark.slow
@pytest.mark.parametrize("page", [p for _, p in PAGES], ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_python_block_runs(page: Path, tmp_path):
    code = blocks(page.read_text(), "python")
    assert code, f"{page.name} has no runnable python block"
    script = tmp_path / "page.py"
    script.write_text("\n\n".join(code))
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "PYTHONWARNINGS": "error::FutureWarning,error::DeprecationWarning:sklearn"}
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env=env, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize("page", [p for _, p in PAGES], ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_page_structure(page: Path):
    text = page.read_text()
    assert text.startswith("# "), "a page starts with its title"
    headings = re.findall(r"^## (.+)$", FENCE.sub("", text), re.MULTILINE)
    assert "Summary" in headings, "every page ends with a summary"
    assert not re.search(r"\]\([^)]*exercises/", text), "exercise links come from the catalog"


@pytest.mark.parametrize("module_id", sorted(CATALOG.modules))
def test_module_depth(module_id: str):
    pages = [p for m, p in PAGES if m == module_id]
    texts = [p.read_text() for p in pages]
    words = sum(prose_words(t) for t in texts)
    assert words >= MIN_WORDS.get(module_id, 2500), f"{words} words of prose"
    assert sum(len(blocks(t, "mermaid")) for t in texts) >= 1, "no diagram"
    assert any(re.search(r"^## Further reading", t, re.MULTILINE) for t in texts)
