"""How long a learner waits for `check()`: every exercise's public checks, in-process.

Builds each student version, loads its `_academy` helpers and the model
solution's functions into one namespace (as a kernel would hold them) and
times `check()` over repeated calls. The budget in the foundation issue is
under a second.

    .venv/bin/python benchmarks/check_latency.py
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from academy.build.student import build_exercise  # noqa: E402
from academy.catalog.load import Catalog  # noqa: E402


def main() -> None:
    catalog = Catalog.load(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        for entry in catalog.exercises():
            built = build_exercise(entry, Path(tmp))
            sys.path.insert(0, str(built.folder))
            for name in [m for m in sys.modules if m == "_academy" or m.startswith("_academy.")]:
                del sys.modules[name]
            helpers = importlib.import_module("_academy")
            namespace: dict = {"__name__": "__main__"}
            for cell in json.loads(entry.source.read_text())["cells"]:
                source = "".join(cell["source"])
                if cell["cell_type"] == "code" and "check(" not in source:
                    with contextlib.redirect_stdout(io.StringIO()):
                        exec(compile(source, "<cell>", "exec"), namespace)  # noqa: S102
            namespace["check"] = helpers.check
            times = []
            for _ in range(20):
                start = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()) as out:
                    exec("check()", namespace)  # noqa: S102
                times.append(time.perf_counter() - start)
            sys.path.remove(str(built.folder))
            passed = out.getvalue().strip().splitlines()[-1]
            print(f"{entry.key:45s} median {statistics.median(times) * 1000:7.2f} ms  "
                  f"max {max(times) * 1000:7.2f} ms  ({passed.split('.')[0]})")


if __name__ == "__main__":
    main()
