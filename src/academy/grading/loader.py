"""Load an exercise's grader folder (trusted code) as a throwaway package.

``graders/<module>/<exercise>/`` becomes a package, so ``checks.py`` can say
``from . import reference`` and ``from .public import PUBLIC_CHECKS``. The
package lives under a private name and is never visible to student code.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from academy.grading.checks import Suite


class GraderError(Exception):
    """A grader folder that cannot be loaded; the message says why."""


def _package_name(folder: Path) -> str:
    """One package per grader folder *path*, so two copies of a catalog never mix."""
    resolved = folder.resolve()
    tag = hashlib.sha256(str(resolved).encode()).hexdigest()[:12]
    return "_academy_graders." + re.sub(r"\W", "_", f"{resolved.name}_{tag}")


def _ensure_root() -> None:
    if "_academy_graders" not in sys.modules:
        root = ModuleType("_academy_graders")
        root.__path__ = []
        sys.modules["_academy_graders"] = root


def load_module(folder: Path, name: str) -> ModuleType:
    """Import ``folder/<name>.py`` as a submodule of the folder's package."""
    _ensure_root()
    package = _package_name(folder)
    if package not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            package, folder / "__init__.py", submodule_search_locations=[str(folder)])
        if spec is None:
            raise GraderError(f"cannot load grader folder {folder}")
        pkg = importlib.util.module_from_spec(spec)
        pkg.__path__ = [str(folder)]
        sys.modules[package] = pkg
    full = f"{package}.{name}"
    if full in sys.modules:
        return sys.modules[full]
    path = folder / f"{name}.py"
    if not path.is_file():
        raise GraderError(f"{path} is missing")
    spec = importlib.util.spec_from_file_location(full, path)
    if spec is None or spec.loader is None:
        raise GraderError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[full]
        raise GraderError(f"{path} fails to import: {type(exc).__name__}: {exc}") from exc
    return module


def load_suite(folder: Path) -> Suite:
    """The ``SUITE`` that ``folder/checks.py`` defines."""
    module = load_module(folder, "checks")
    suite = getattr(module, "SUITE", None)
    if not isinstance(suite, Suite):
        raise GraderError(f"{folder / 'checks.py'} does not define SUITE = Suite(...)")
    return suite


def load_public(folder: Path) -> list[dict]:
    """The public examples of ``folder/public.py`` (empty when there is none)."""
    if not (folder / "public.py").is_file():
        return []
    module = load_module(folder, "public")
    specs = getattr(module, "PUBLIC_CHECKS", None)
    if not isinstance(specs, list):
        raise GraderError(f"{folder / 'public.py'} does not define a PUBLIC_CHECKS list")
    return specs


@dataclass(frozen=True)
class WrongSolution:
    """A known-wrong solution in ``wrong/`` and the checks it must fail."""

    path: Path
    fails: tuple[str, ...]
    description: str

    @property
    def code(self) -> str:
        return self.path.read_text()


def read_wrong(path: Path) -> WrongSolution:
    """Parse a wrong solution; its docstring names the checks it fails (``fails: a, b``)."""
    try:
        tree = ast.parse(path.read_text(), filename=str(path))
    except SyntaxError as exc:
        raise GraderError(f"{path} is not valid Python: {exc.msg} (line {exc.lineno})") from exc
    doc = ast.get_docstring(tree) or ""
    match = re.search(r"^fails:\s*(.+)$", doc, re.MULTILINE)
    if not match:
        raise GraderError(f"{path} has no 'fails: <check ids>' line in its docstring")
    fails = tuple(x.strip() for x in match.group(1).split(",") if x.strip())
    return WrongSolution(path, fails, doc.splitlines()[0] if doc else path.stem)


def wrong_solutions(folder: Path) -> list[WrongSolution]:
    wrong = folder / "wrong"
    if not wrong.is_dir():
        return []
    return [read_wrong(p) for p in sorted(wrong.glob("*.py"))]
