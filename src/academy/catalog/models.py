"""The content model: ``module.yaml`` and the skills taxonomy, as pydantic models.

The JSON schemas in ``catalog/`` are generated from these models
(``academy schema``) and a test keeps them current.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
SkillId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SkillRef(_Strict):
    """A skill an exercise assesses, at a level."""

    id: SkillId = Field(description="Dotted id from catalog/skills.yaml, e.g. evaluation.metrics.")
    level: Literal[1, 2, 3] = Field(description="1 junior, 2 mid, 3 senior.")


class Lesson(_Strict):
    """One lesson page of a module."""

    id: Slug = Field(description="Stable id of the lesson section, unique in the module.")
    title: str = Field(min_length=3, description="Page title shown in navigation.")
    file: str = Field(pattern=r"^lessons/[A-Za-z0-9_.-]+\.md$",
                      description="Markdown file, relative to the module folder.")


class Exercise(_Strict):
    """One auto-graded exercise; its files live under exercises/ and graders/."""

    id: Slug = Field(description="Equals the folder name; unique across the whole catalog.")
    title: str = Field(min_length=3, description="Short title.")
    summary: str = Field(min_length=10, description="One or two sentences: what the learner does.")
    lesson: Slug = Field(description="Id of the lesson section the exercise belongs to.")
    points: float = Field(gt=0, description="Total points; must equal the sum of the checks' points.")
    skills: list[SkillRef] = Field(min_length=1, description="Skills assessed, with levels.")
    environment: Slug | None = Field(default=None,
                                     description="Environment override; defaults to the module's.")
    minutes: int = Field(default=30, gt=0, le=480, description="Expected working time.")


class Module(_Strict):
    """``modules/<id>/module.yaml``."""

    schema_version: Literal[1] = Field(description="Version of this schema.")
    id: Slug = Field(description="Equals the folder name; never reused.")
    title: str = Field(min_length=3, description="Module title.")
    summary: str = Field(min_length=10, description="What the module is about, in a paragraph.")
    environment: Slug = Field(description="Environment (environments/<name>) exercises run in.")
    prerequisites: list[Slug] = Field(default_factory=list, description="Module ids to take first.")
    objectives: list[str] = Field(min_length=1, description="Learning objectives, one sentence each.")
    lessons: list[Lesson] = Field(min_length=1, description="Lesson pages, in reading order.")
    exercises: list[Exercise] = Field(default_factory=list, description="Auto-graded exercises.")


class Skill(_Strict):
    """One skill of the taxonomy."""

    title: str = Field(min_length=3, description="Short name.")
    description: str = Field(min_length=10, description="What a person with this skill can do.")


class Area(_Strict):
    """A branch of the taxonomy (evaluation, containers, ...)."""

    title: str = Field(min_length=3, description="Name of the area.")
    skills: dict[Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")], Skill] = Field(
        min_length=1, description="Skills of the area, keyed by their last id segment.")


class Taxonomy(_Strict):
    """``catalog/skills.yaml``: the skills reports are built on."""

    schema_version: Literal[1] = Field(description="Version of this schema.")
    areas: dict[Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")], Area] = Field(
        min_length=1, description="Areas keyed by id.")

    def skill_ids(self) -> set[str]:
        return {f"{a}.{s}" for a, area in self.areas.items() for s in area.skills}
