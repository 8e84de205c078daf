"""JSON schemas generated from the pydantic models; tests keep the checked-in copies current."""

from __future__ import annotations

import json
from pathlib import Path

from academy.catalog.models import Module, Taxonomy
from academy.grading.results import SCHEMA_PATH, GradingResult


def _text(model: type) -> str:
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"  # type: ignore[attr-defined]


def generated(root: Path) -> dict[Path, str]:
    """Each schema file and the text it should hold."""
    return {
        root / "catalog" / "module.schema.json": _text(Module),
        root / "catalog" / "skills.schema.json": _text(Taxonomy),
        SCHEMA_PATH: _text(GradingResult),
    }


def write_all(root: Path) -> list[Path]:
    written = []
    for path, text in generated(root).items():
        path.write_text(text)
        written.append(path)
    return written
