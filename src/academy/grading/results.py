"""The grading record: one JSON document per submission, schema-validated.

The schema (``src/academy/schemas/result.schema.json``) is generated from
these models; a test keeps the checked-in copy current.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["graded", "invalid", "timeout", "out_of_memory", "crashed", "error"]
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "result.schema.json"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckOutcome(_Record):
    """The verdict of one check."""

    id: str = Field(description="Check id from checks.py.")
    title: str = Field(description="What the check verifies, in a few words.")
    hidden: bool = Field(description="Hidden checks run only at grading time.")
    points: float = Field(ge=0, description="Points awarded.")
    max_points: float = Field(gt=0, description="Points available.")
    passed: bool = Field(description="True when all points were awarded.")
    message: str = Field(description="What the learner is told; never the hidden inputs.")
    hints: list[str] = Field(default_factory=list, description="Hints, least revealing first.")


class SandboxInfo(_Record):
    """Where the student code ran."""

    kind: str = Field(description="local or docker.")
    image_digest: str | None = Field(default=None, description="Image id for container sandboxes.")
    image: str | None = Field(default=None, description="Image tag for container sandboxes.")
    exit_code: int | None = Field(default=None, description="Exit status of the student process.")
    signal: int | None = Field(default=None, description="Signal that ended it, if any.")


class EnvironmentInfo(_Record):
    """The environment the exercise names."""

    name: str = Field(description="environments/<name>.")
    lockfile_sha256: str | None = Field(
        default=None, description="Hash of requirements.lock, when the environment has one.")


class Timings(_Record):
    """Seconds spent, measured by the grader."""

    total_seconds: float = Field(ge=0, description="Whole grading of this submission.")
    sandbox_wall_seconds: float = Field(ge=0, description="Wall time of the student process.")
    sandbox_cpu_seconds: float = Field(ge=0, description="CPU time of the student process.")
    inspection_seconds: float = Field(
        default=0.0, ge=0, description="Trusted inspection of artifacts: builds, runs, probes.")


class Resources(_Record):
    """Resource peaks of the student process."""

    peak_memory_mb: float = Field(ge=0, description="Peak resident memory.")


class GradingResult(_Record):
    """Everything known about grading one submission."""

    schema_version: Literal[1] = Field(default=1, description="Version of this record format.")
    submission_id: str = Field(description="Learner or candidate id, from the file or folder name.")
    submission_file: str = Field(description="Path of the graded notebook.")
    submission_sha256: str | None = Field(description="Hash of the submitted bytes.")
    exercise: str | None = Field(description="module/exercise, or None if it could not be told.")
    status: Status = Field(description="graded, or why grading was not normal.")
    reason: str | None = Field(default=None, description="One sentence when status is not graded.")
    score: float = Field(ge=0, description="Points awarded.")
    max_score: float = Field(ge=0, description="Points available.")
    checks: list[CheckOutcome] = Field(default_factory=list, description="One per check.")
    notes: list[str] = Field(default_factory=list, description="Cell errors and other remarks.")
    seed: int = Field(description="Seed of the hidden inputs, to reproduce the run.")
    sandbox: SandboxInfo
    environment: EnvironmentInfo | None = None
    grader_version: str = Field(description="Version of the academy toolkit that graded.")
    graded_at: str = Field(description="UTC time, ISO 8601.")
    timings: Timings
    resources: Resources


def write_atomic(path: Path, text: str) -> None:
    """Write *text* so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def schema() -> dict:
    return GradingResult.model_json_schema()


def schema_text() -> str:
    return json.dumps(schema(), indent=2, sort_keys=True) + "\n"


@functools.cache
def _schema_validator() -> Callable[[dict], Any]:
    import fastjsonschema

    return fastjsonschema.compile(json.loads(SCHEMA_PATH.read_text()))


def validate_record(data: dict) -> GradingResult:
    """Validate a record against the checked-in JSON schema, then the pydantic model."""
    _schema_validator()(data)
    return GradingResult.model_validate(data)
