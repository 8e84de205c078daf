"""What an assessment's grading produces for one candidate: the report's input.

``academy assess grade`` fills these from grading records (``GradingResult``
JSON), the integrity manifest and the similarity analysis; the report
(``academy.assess.report``) and the dashboard's comparison view only read them.
Everything is plain data (JSON-serialisable through ``dataclasses.asdict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class CheckEvidence:
    """One check's verdict, as the candidate's report shows it (never hidden inputs)."""

    exercise: str          # module/exercise
    check_id: str
    title: str
    hidden: bool
    points: float
    max_points: float
    passed: bool
    message: str           # the check's message from the grading record


@dataclass
class SkillScore:
    skill: str             # dotted id from catalog/skills.yaml, e.g. evaluation.metrics
    title: str             # the skill's title from the taxonomy
    area: str              # the area's title
    expected_level: int    # 1 junior, 2 mid, 3 senior: what the role asks for
    assessed_level: int    # the highest level at which the exercises assess it
    score: float           # points earned on exercises assessing this skill (weighted)
    max_score: float       # points available on those exercises (weighted)
    exercises: list[str]   # module/exercise keys that assess it

    @property
    def fraction(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0


@dataclass
class IntegrityFinding:
    kind: str              # "locked-cell-changed", "helper-file-changed", "file-missing",
                           # "late", "not-submitted", "unexpected-exercise"
    file: str              # path inside the candidate's bundle, or "" when not about a file
    detail: str            # one sentence


@dataclass
class CodeMatch:
    mine: str              # the matching code in this candidate's notebook
    theirs: str            # the matching code in the other candidate's notebook
    mine_lines: tuple[int, int]    # 1-based inclusive line range in this candidate's code
    theirs_lines: tuple[int, int]


@dataclass
class SimilarityFinding:
    other: str             # the other candidate's id
    exercise: str          # module/exercise
    score: float           # 0..1, similarity of the two (starter code excluded)
    matches: list[CodeMatch] = field(default_factory=list)


@dataclass
class ExerciseOutcome:
    exercise: str          # module/exercise
    title: str
    weight: float
    score: float           # raw points from the grading record
    max_score: float
    status: str            # the record's status (graded, invalid, timeout, ...)
    reason: str | None
    record: dict[str, Any] | None   # the full grading record (None when not submitted)


@dataclass
class CandidateReport:
    assessment_id: str
    assessment_title: str
    role: str
    level: int             # the role's level, 1..3
    candidate: str         # candidate id
    name: str              # display name
    issued_at: str         # ISO 8601 UTC
    deadline: str          # ISO 8601 UTC
    submitted_at: str | None
    minutes_spent: float | None    # submitted_at - issued_at, in minutes
    total: float           # weighted points earned
    max_total: float       # weighted points available
    exercises: list[ExerciseOutcome]
    skills: list[SkillScore]
    evidence: list[CheckEvidence]
    integrity: list[IntegrityFinding]
    similarity: list[SimilarityFinding]

    @property
    def fraction(self) -> float:
        return self.total / self.max_total if self.max_total else 0.0


def report_from_dict(data: dict[str, Any]) -> CandidateReport:
    """A CandidateReport from its ``dataclasses.asdict`` form (``candidates.json``)."""
    return CandidateReport(
        **{**data,
           "exercises": [ExerciseOutcome(**e) for e in data["exercises"]],
           "skills": [SkillScore(**s) for s in data["skills"]],
           "evidence": [CheckEvidence(**c) for c in data["evidence"]],
           "integrity": [IntegrityFinding(**f) for f in data["integrity"]],
           "similarity": [SimilarityFinding(
               **{**f, "matches": [CodeMatch(**{**m, "mine_lines": tuple(m["mine_lines"]),
                                                "theirs_lines": tuple(m["theirs_lines"])})
                                   for m in f["matches"]]})
               for f in data["similarity"]]})
