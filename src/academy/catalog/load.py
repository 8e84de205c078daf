"""Read the catalog (modules, exercises, graders, taxonomy) from a content root."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from academy.catalog.models import Exercise, Module, Taxonomy

TAXONOMY = Path("catalog") / "skills.yaml"


class CatalogError(Exception):
    """The catalog cannot be read; the message names the file and the problem."""


def find_root(start: Path | None = None) -> Path:
    """The content root: the nearest folder upwards holding modules/ and catalog/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "modules").is_dir() and (folder / TAXONOMY).is_file():
            return folder
    raise CatalogError(
        f"no academy content root found from {here}: expected folders 'modules/' and "
        f"'{TAXONOMY}' (run inside the repository or pass --root)")


def _yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML ({exc.__class__.__name__})") from exc


def validation_message(path: Path, exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        parts.append(f"{where}: {err['msg']}")
    return f"{path}: " + "; ".join(parts)


def load_taxonomy(root: Path) -> Taxonomy:
    path = root / TAXONOMY
    if not path.is_file():
        raise CatalogError(f"{path} is missing")
    try:
        return Taxonomy.model_validate(_yaml(path))
    except ValidationError as exc:
        raise CatalogError(validation_message(path, exc)) from exc


def load_module(path: Path) -> Module:
    try:
        return Module.model_validate(_yaml(path))
    except ValidationError as exc:
        raise CatalogError(validation_message(path, exc)) from exc


@dataclass(frozen=True)
class ExerciseEntry:
    """An exercise with the paths of its files."""

    module: Module
    spec: Exercise
    root: Path

    @property
    def key(self) -> str:
        return f"{self.module.id}/{self.spec.id}"

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def folder(self) -> Path:
        return self.root / "exercises" / self.module.id / self.spec.id

    @property
    def source(self) -> Path:
        return self.folder / "source.ipynb"

    @property
    def grader(self) -> Path:
        return self.root / "graders" / self.module.id / self.spec.id

    @property
    def environment(self) -> str:
        return self.spec.environment or self.module.environment

    def data_files(self) -> dict[str, Path]:
        """Public data shipped with the exercise, keyed by path relative to the notebook."""
        data = self.folder / "data"
        if not data.is_dir():
            return {}
        return {str(p.relative_to(self.folder)): p for p in sorted(data.rglob("*")) if p.is_file()}


@dataclass
class Catalog:
    root: Path
    taxonomy: Taxonomy
    modules: dict[str, Module] = field(default_factory=dict)
    module_dirs: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Catalog:
        """Load every module; raise CatalogError on the first unreadable file."""
        catalog = cls(root=root, taxonomy=load_taxonomy(root))
        for folder in sorted((root / "modules").iterdir()):
            if not folder.is_dir():
                continue
            path = folder / "module.yaml"
            if not path.is_file():
                raise CatalogError(f"{folder}: module folder without module.yaml")
            module = load_module(path)
            catalog.modules[module.id] = module
            catalog.module_dirs[module.id] = folder
        return catalog

    def exercises(self) -> list[ExerciseEntry]:
        return [ExerciseEntry(m, e, self.root) for m in self.modules.values() for e in m.exercises]

    def exercise(self, key: str) -> ExerciseEntry:
        """Find an exercise by ``module/exercise`` or by its bare id."""
        matches = [e for e in self.exercises() if key in (e.key, e.id)]
        if not matches:
            known = ", ".join(e.key for e in self.exercises()) or "none"
            raise CatalogError(f"unknown exercise '{key}' (known: {known})")
        return matches[0]
