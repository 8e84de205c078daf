"""What enters the sandbox, for every exercise: the notebook's code cells, the
calls' inputs and the exercise's public data files - nothing from graders/
(reference code, hidden data, hidden outputs). Checked on the box itself, as
laid out for a real grading of the model solution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from academy.catalog.load import Catalog
from academy.grading.engine import Grader, parse_notebook, read_submission
from academy.grading.sandbox import Limits, LocalSandbox, SandboxRun

from ..conftest import ROOT

EXERCISES = [e.key for e in Catalog.load(ROOT).exercises()]
ALLOWED = {"cells.json", "plan.json", "runtime/runner.py", "runtime/codec.py",
           "lib/_academy/__init__.py"}


class RecordingSandbox(LocalSandbox):
    """Copies the box as it is handed to the runner, then runs it."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: list[dict[str, bytes]] = []

    def _run(self, box: Path, limits: Limits) -> SandboxRun:
        self.boxes.append({str(p.relative_to(box)): p.read_bytes()
                           for p in box.rglob("*") if p.is_file()})
        return super()._run(box, limits)


def hidden_files(grader_dir: Path) -> list[Path]:
    """The grader's own files a learner never receives (wrong/ and alternatives/ are
    test fixtures, public.py is shipped with the notebook)."""
    return [p for p in grader_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            and p.name != "public.py" and p.parent.name not in ("wrong", "alternatives")]


@pytest.mark.slow
@pytest.mark.parametrize("key", EXERCISES)
def test_box_holds_only_code_inputs_and_public_data(catalog, key):
    entry = catalog.exercise(key)
    sandbox = RecordingSandbox()
    grader = Grader(catalog, seed=777, sandbox=sandbox)
    result = grader.grade(entry.source, "model", exercise=key)
    assert result.score == result.max_score, "the model solution must grade normally"
    [box] = sandbox.boxes
    public_data = {f"work/{rel}": path.read_bytes() for rel, path in entry.data_files().items()}
    assert set(box) == ALLOWED | set(public_data), "unexpected files in the box"
    for name, content in public_data.items():
        assert box[name] == content
        assert entry.folder / "data" in Path(entry.data_files()[name[5:]]).parents
    assert json.loads(box["cells.json"]) == parse_notebook(read_submission(entry.source)).cells
    plan = json.loads(box["plan.json"])
    assert set(plan) == {"probes", "cell_timeout", "probe_timeout", "rlimits"}
    assert all(set(p) <= {"id", "function", "args", "kwargs", "then"} for p in plan["probes"])
    if any(p["function"] == "academy:run_tests" for p in plan["probes"]):
        return  # the code the learner's tests run against is sent by design (m01)
    inputs = b"".join(v for k, v in box.items() if k != "cells.json")
    for path in hidden_files(entry.grader):
        content = path.read_bytes()
        for start in range(0, len(content) - 63, max(64, len(content) // 8)):
            chunk = content[start:start + 64]
            assert chunk not in inputs or len(chunk.split()) < 4, (
                f"bytes of {path.relative_to(ROOT)} are in the sandbox")
