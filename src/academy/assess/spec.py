"""An assessment spec (YAML) and its resolution against the catalog.

```yaml
schema_version: 1
id: mle-mid-2026
title: ML engineer (mid level) take-home
role: ML engineer
level: 2                      # 1 junior, 2 mid, 3 senior
time_limit_minutes: 180
exercises:                    # exercises and their weights ...
  - {key: m04-evaluation/metrics-from-scratch, weight: 1}
skills: [evaluation.thresholds]   # ... and/or skills: one exercise is chosen per skill
expected_levels: {evaluation.metrics: 1}   # default: the role's level for every skill
similarity_threshold: 0.5
```

A skill is covered by the catalog's exercise that assesses it at the level
closest to the role's (ties: the shorter exercise, then catalog order).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from academy.catalog.load import Catalog, CatalogError


class SpecError(Exception):
    """The spec cannot be used; one sentence."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExerciseChoice(_Strict):
    key: str = Field(description="module/exercise from the catalog.")
    weight: float = Field(default=1.0, gt=0, description="Multiplies the exercise's points.")


class AssessmentSpec(_Strict):
    schema_version: Literal[1]
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    title: str = Field(min_length=3)
    role: str = Field(min_length=2)
    level: Literal[1, 2, 3]
    time_limit_minutes: int = Field(gt=0, le=60 * 24 * 14)
    exercises: list[ExerciseChoice] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    expected_levels: dict[str, Literal[1, 2, 3]] = Field(default_factory=dict)
    similarity_threshold: float = Field(default=0.5, gt=0, le=1)


def load_spec(path: Path) -> AssessmentSpec:
    if not path.is_file():
        raise SpecError(f"{path} does not exist")
    try:
        data = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise SpecError(f"{path} is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise SpecError(f"{path} must be a mapping with id, title, role, level, ...")
    try:
        return AssessmentSpec.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "spec"
        raise SpecError(f"{path}: {where}: {err['msg']}") from None


def _skill_ids(catalog: Catalog) -> set[str]:
    return {f"{area}.{skill}" for area, a in catalog.taxonomy.areas.items() for skill in a.skills}


def resolve(spec: AssessmentSpec, catalog: Catalog) -> dict[str, Any]:
    """The spec with exercises chosen, skills and expected levels filled in (plain data)."""
    chosen: dict[str, float] = {}
    for choice in spec.exercises:
        try:
            entry = catalog.exercise(choice.key)
        except CatalogError:
            raise SpecError(f"the spec names the exercise {choice.key}, which the catalog "
                            "does not have") from None
        if entry.key in chosen:
            raise SpecError(f"the spec names {entry.key} twice")
        chosen[entry.key] = choice.weight
    known = _skill_ids(catalog)
    for skill in [*spec.skills, *spec.expected_levels]:
        if skill not in known:
            raise SpecError(f"{skill} is not a skill of the taxonomy (catalog/skills.yaml)")
    for skill in spec.skills:
        if any(s.id == skill for key in chosen for s in catalog.exercise(key).spec.skills):
            continue
        candidates = [(abs(s.level - spec.level), e.spec.minutes, i, e.key)
                      for i, e in enumerate(catalog.exercises()) for s in e.spec.skills
                      if s.id == skill]
        if not candidates:
            raise SpecError(f"no exercise assesses {skill} yet")
        chosen[min(candidates)[3]] = 1.0
    if not chosen:
        raise SpecError("the spec names no exercises and no skills")
    exercises = []
    skills: dict[str, dict[str, Any]] = {}
    for key, weight in chosen.items():
        entry = catalog.exercise(key)
        exercises.append({"key": key, "weight": weight, "title": entry.spec.title,
                          "points": entry.spec.points, "minutes": entry.spec.minutes,
                          "environment": entry.environment,
                          "skills": [{"id": s.id, "level": s.level} for s in entry.spec.skills]})
        for ref in entry.spec.skills:
            area, name = ref.id.split(".", 1)
            row = skills.setdefault(ref.id, {
                "id": ref.id, "title": catalog.taxonomy.areas[area].skills[name].title,
                "area": catalog.taxonomy.areas[area].title,
                "expected_level": spec.expected_levels.get(ref.id, spec.level),
                "assessed_level": 0, "exercises": []})
            row["assessed_level"] = max(row["assessed_level"], ref.level)
            row["exercises"].append(key)
    return {**spec.model_dump(mode="json"), "exercises": exercises,
            "skills": list(skills.values())}
