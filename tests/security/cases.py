"""Hostile submissions for the Docker sandbox, as data: each builds a submission file
and says what grading it must give. The model solution of metrics-from-scratch
(12 points) is the base; most cases add cells to it, so anything short of 12
points is the attack's doing.

Shared by the per-case tests and by the batch test that checks the hostile
submissions leave the other submissions of their batch untouched.
"""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from academy.grading.results import GradingResult
from academy.grading.verify import with_extra_cells

FULL = 12.0


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, Path], Path]
    """(source notebook, folder) -> the submission file written into the folder."""
    expect: Callable[[GradingResult], None]
    """Asserts what grading must give."""


def failed(result: GradingResult) -> set[str]:
    return {c.id for c in result.checks if not c.passed}


def cells(*code: str) -> Callable[[Path, Path], Path]:
    def build(source: Path, folder: Path) -> Path:
        return with_extra_cells(source, *code, dest=folder / "sub.ipynb")
    return build


def expect_full(status: str = "graded", note: str | None = None
                ) -> Callable[[GradingResult], None]:
    def check(result: GradingResult) -> None:
        assert (result.status, result.score) == (status, FULL), (result.status, result.reason,
                                                                 failed(result))
        if note is not None:
            assert any(note in n for n in result.notes), result.notes
    return check


ENDLESS_CELL = "while True:\n    pass"
ENDLESS_FUNCTION = "def f1(y_true, y_pred):\n    while True:\n        pass"
ALARM_DISARMED = ("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
                  "signal.setitimer = lambda *a, **k: None\nwhile True:\n    pass")
MEMORY_BOMB_CELL = "hoard = bytearray(200 * 2**30)"
MEMORY_BOMB_FUNCTION = ("import numpy as np\n\ndef recall(y_true, y_pred):\n    hoard = []\n"
                        "    while True:\n        hoard.append(np.empty(2**26))")
MEMORY_BOMB_TOUCHED = ("import numpy as np\nhoard = []\nwhile True:\n"
                       "    hoard.append(np.ones(2**24))")
FORK_BOMB = "import os\nwhile True:\n    os.fork()"
DISK_FILL = '''
import itertools, os
block = b"x" * 2**20
for path in ("fill-a", "/tmp/fill-b", "/home/learner/fill", "/fill", "/box/fill"):
    try:
        with open(path, "wb") as fh:
            for _ in itertools.count():
                fh.write(block)
    except OSError as exc:
        print(path, exc)
for i in itertools.count():
    try:
        with open(f"small-{i}", "wb") as fh:
            fh.write(block * 8)
    except OSError as exc:
        raise OSError(f"the disk is full after {i} files: {exc}") from exc
'''
FLOOD = "import sys\nchunk = 'x' * 2**20\nfor _ in range(100):\n    sys.stdout.write(chunk)\n"
NETWORK = '''
import socket, urllib.request
reached = []
for host, port in (("pypi.org", 443), ("1.1.1.1", 53), ("172.17.0.1", 2375), ("10.0.2.2", 80)):
    try:
        socket.create_connection((host, port), timeout=3).close()
        reached.append(host)
    except OSError:
        pass
if reached:
    def f1(y_true, y_pred):
        return -1.0
raise OSError(f"network reached: {reached}")
'''
SKLEARN_PATCH = '''
import sklearn.metrics, numpy as np, builtins, math
sklearn.metrics.f1_score = lambda *a, **k: 0.5
sklearn.metrics.roc_auc_score = lambda *a, **k: 0.5
np.isclose = np.allclose = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
math.isclose = lambda *a, **k: True
builtins.abs = lambda x: 0
builtins.round = lambda x, *a: x

def f1(y_true, y_pred):
    return 0.5
'''
ALWAYS_EQUAL = '''
import numpy as np

class Anything(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__

class Matrixish(np.ndarray):
    def __eq__(self, other):
        return True

class Duck:
    def __eq__(self, other):
        return True
    def __float__(self):
        return 0.5

def precision(y_true, y_pred):
    return Anything(0.0)

def recall(y_true, y_pred):
    return Duck()

def roc_auc(y_true, y_score):
    return np.zeros(1).view(Matrixish)
'''
FORGED_EVENTS = '''
import json, os
def forge():
    line = "".join(json.dumps({"event": "probe", "id": f"f1-random#{i}", "answer": 0.5}) + "\\n"
                   for i in range(10))
    for fd in range(1, 20):
        try:
            os.write(fd, line.encode())
        except OSError:
            pass
forge()

def f1(y_true, y_pred):
    forge()
    return 0.5
'''


def spy(graders: Path, submissions: Path) -> str:
    """A cell that looks for the grader's files and other submissions, and reports."""
    return f'''
import json, os
targets = [{str(graders)!r}, {str(submissions)!r}, {str(graders.parent)!r}, "/var/run/docker.sock"]
found = [p for p in targets if os.path.exists(p)]
for top, dirs, files in os.walk("/"):
    dirs[:] = [d for d in dirs if os.path.join(top, d) not in
               ("/proc", "/sys", "/dev", "/usr", "/opt/venv", "/var/lib", "/etc")]
    for name in files:
        if name in ("reference.py", "checks.py", "batch.json", "gradebook.db") or \\
                name.endswith((".ipynb", ".zip", ".tar.gz")):
            found.append(os.path.join(top, name))
allowed = {{"cells.json", "plan.json", "runtime/runner.py", "runtime/codec.py",
           "lib/_academy/__init__.py"}}
unexpected = [os.path.relpath(os.path.join(d, f), "/box") for d, _, fs in os.walk("/box")
              for f in fs]
unexpected = [p for p in unexpected if p not in allowed and not p.startswith("work/")]
if found or unexpected:
    def f1(y_true, y_pred):
        return -1.0
raise RuntimeError("spy " + json.dumps({{"found": found, "unexpected": unexpected}}))
'''


def whoami() -> str:
    """A cell that reports who it runs as and what it may do."""
    return '''
import json, os
status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines()
              if ":" in line)
writable = [p for p in ("/", "/home/learner", "/opt/venv", "/box", "/etc") if os.access(p, os.W_OK)]
facts = {"uid": os.getuid(), "gid": os.getgid(), "cap_eff": status["CapEff"].strip(),
         "no_new_privs": status.get("NoNewPrivs", "?").strip(), "writable": writable}
raise RuntimeError("whoami " + json.dumps(facts))
'''


def forged_result(target: Path) -> str:
    """A cell that writes a perfect-score record wherever a grader might keep one."""
    record = json.dumps({"submission_id": "sub", "score": 12, "max_score": 12,
                         "status": "graded"})
    return f'''
import os
record = {record!r}
for path in ({str(target)!r}, "/tmp/out/results/sub.json", "../out/results/sub.json",
             "/box/out/results/sub.json", "/results/sub.json"):
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(record)
    except OSError:
        pass

def f1(y_true, y_pred):
    return 0.5
'''


def patch_run_cell_first(source: Path, folder: Path) -> Path:
    nb = json.loads(source.read_text())
    first_code = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code")
    nb["cells"].insert(first_code, {"cell_type": "code", "metadata": {}, "outputs": [],
                                    "execution_count": None, "id": "cheat",
                                    "source": "get_ipython().run_cell = lambda *a, **k: None"})
    path = folder / "sub.ipynb"
    path.write_text(json.dumps(nb))
    return path


def big_output(source: Path, folder: Path) -> Path:
    nb = json.loads(source.read_text())
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "A" * (50 * 2**20)}]
    path = folder / "sub.ipynb"
    path.write_text(json.dumps(nb))
    return path


def raw(text: str) -> Callable[[Path, Path], Path]:
    def build(source: Path, folder: Path) -> Path:
        path = folder / "sub.ipynb"
        path.write_text(text)
        return path
    return build


def wrong_nbformat(source: Path, folder: Path) -> Path:
    nb = json.loads(source.read_text())
    nb["nbformat"] = 3
    path = folder / "sub.ipynb"
    path.write_text(json.dumps(nb))
    return path


def zip_with(member_name: str, link: str | None = None) -> Callable[[Path, Path], Path]:
    def build(source: Path, folder: Path) -> Path:
        path = folder / "sub.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("sub/solution.ipynb", source.read_bytes())
            if link is None:
                archive.writestr(member_name, b"{}")
            else:
                info = zipfile.ZipInfo(member_name)
                info.external_attr = (0o120777 << 16)
                archive.writestr(info, link)
        return path
    return build


def tar_with(kind: str) -> Callable[[Path, Path], Path]:
    def build(source: Path, folder: Path) -> Path:
        path = folder / "sub.tar.gz"
        data = source.read_bytes()
        with tarfile.open(path, "w:gz") as archive:
            info = tarfile.TarInfo("solution.ipynb")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            if kind == "dotdot":
                evil = tarfile.TarInfo("../../escaped.txt")
                evil.size = 4
                archive.addfile(evil, io.BytesIO(b"evil"))
            elif kind == "symlink":
                evil = tarfile.TarInfo("graders")
                evil.type = tarfile.SYMTYPE
                evil.linkname = "/etc"
                archive.addfile(evil)
        return path
    return build


def good_archive(source: Path, folder: Path) -> Path:
    path = folder / "sub.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("homework/solution.ipynb", source.read_bytes())
        archive.writestr("homework/.ipynb_checkpoints/solution-checkpoint.ipynb", b"{}")
    return path


def expect_invalid(words: str) -> Callable[[GradingResult], None]:
    def check(result: GradingResult) -> None:
        assert result.status == "invalid" and result.score == 0, (result.status, result.reason)
        assert result.reason is not None and words in result.reason, result.reason
    return check


def expect_failed(status: str, failing: set[str], words: str = ""
                  ) -> Callable[[GradingResult], None]:
    def check(result: GradingResult) -> None:
        assert result.status == status, (result.status, result.reason)
        assert failed(result) == failing, failed(result)
        assert words in (result.reason or "") + " ".join(result.notes), (result.reason,
                                                                       result.notes)
    return check


def expect_memory_contained(result: GradingResult) -> None:
    """Memory that is written to costs time: the cell may hit its alarm before the limit."""
    assert result.status in {"out_of_memory", "timeout"}, (result.status, result.reason)
    assert result.score == FULL and result.reason


def expect_contained(result: GradingResult) -> None:
    """Whatever a fork bomb earns, it ends within the limits with a reason."""
    assert result.status in {"timeout", "crashed", "error", "graded", "out_of_memory"}
    assert result.score <= FULL
    assert result.status == "graded" or result.reason
    assert result.timings.sandbox_wall_seconds < 60


REPO = Path(__file__).resolve().parents[2]


def spy_case(source: Path, folder: Path) -> Path:
    return cells(spy(REPO / "graders", folder.parent))(source, folder)


def forged_case(source: Path, folder: Path) -> Path:
    """Layout: BATCH/subs/<case>/sub.ipynb graded into BATCH/out."""
    target = folder.parent.parent / "out" / "results" / f"{folder.name}--sub.json"
    return cells(forged_result(target))(source, folder)


def expect_spy_found_nothing(result: GradingResult) -> None:
    expect_full()(result)
    note = next(n for n in result.notes if "spy " in n)
    report = json.loads(note.split("spy ", 1)[1])
    assert report == {"found": [], "unexpected": []}, report


def expect_locked_down(result: GradingResult) -> None:
    expect_full()(result)
    note = next(n for n in result.notes if "whoami " in n)
    facts = json.loads(note.split("whoami ", 1)[1])
    assert facts == {"uid": 65534, "gid": 65534, "cap_eff": "0000000000000000",
                     "no_new_privs": "1", "writable": []}, facts


ALL_CHECKS = {"counts-example", "precision-example", "roc-auc-example", "counts-random",
              "precision-random", "recall-random", "f1-random", "auc-random", "auc-ties"}

CASES = [
    Case("endless-cell", cells(ENDLESS_CELL), expect_full("timeout")),
    Case("endless-function", cells(ENDLESS_FUNCTION),
         expect_failed("timeout", {"f1-random"}, "`f1`")),
    Case("alarm-disarmed", cells(ALARM_DISARMED),
         expect_failed("timeout", ALL_CHECKS, "limit")),
    Case("memory-bomb-cell", cells(MEMORY_BOMB_CELL), expect_full("out_of_memory")),
    Case("memory-bomb-function", cells(MEMORY_BOMB_FUNCTION),
         expect_failed("out_of_memory", {"recall-random", "f1-random"}, "memory")),
    Case("memory-bomb-touched", cells(MEMORY_BOMB_TOUCHED), expect_memory_contained),
    Case("fork-bomb", cells(FORK_BOMB), expect_contained),
    Case("disk-fill", cells(DISK_FILL), expect_full(note="the disk is full")),
    Case("flood-100mb", cells(FLOOD), expect_full()),
    Case("network", cells(NETWORK), expect_full(note="network reached: []")),
    Case("always-equal", cells(ALWAYS_EQUAL),
         expect_failed("graded", {"precision-example", "precision-random", "recall-random",
                                  "f1-random", "roc-auc-example", "auc-random", "auc-ties"})),
    Case("patch-run-cell", patch_run_cell_first, expect_failed("graded", ALL_CHECKS)),
    Case("patch-sklearn-numpy-builtins", cells(SKLEARN_PATCH),
         expect_failed("graded", {"f1-random"})),
    Case("forged-events", cells(FORGED_EVENTS), expect_failed("graded", {"f1-random"})),
    Case("sys-exit", cells("import sys\nsys.exit(3)"), expect_full()),
    Case("os-exit", cells("import os\nos._exit(0)"),
         expect_failed("crashed", ALL_CHECKS, "code cell")),
    Case("kill-self", cells("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"),
         expect_failed("crashed", ALL_CHECKS, "signal 9")),
    Case("big-output-50mb", big_output, expect_full()),
    Case("invalid-json", raw('{"cells": [ this is not json'), expect_invalid("not valid JSON")),
    Case("nbformat-3", wrong_nbformat, expect_invalid("format version 3")),
    Case("zip-dotdot", zip_with("../../escaped.txt"), expect_invalid("leaves its folder")),
    Case("zip-symlink", zip_with("sub/link", link="/etc/passwd"), expect_invalid("a link")),
    Case("tar-dotdot", tar_with("dotdot"), expect_invalid("leaves its folder")),
    Case("tar-symlink", tar_with("symlink"), expect_invalid("a link")),
    Case("zip-good", good_archive, expect_full()),
    Case("spy", spy_case, expect_spy_found_nothing),
    Case("forged-result", forged_case, expect_failed("graded", {"f1-random"})),
    Case("whoami", cells(whoami()), expect_locked_down),
]
