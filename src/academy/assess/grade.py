"""``academy assess grade``: untrusted submissions, graded in the Docker sandbox only.

For each issued candidate (``ASSESS/issued/<cid>.manifest.json``, signature
checked), the submission is ``SUBMISSIONS/<cid>/`` or ``SUBMISSIONS/<cid>.zip``
(the bundle, handed back). Then:

1. **Integrity**: every issued file is compared with its recorded hash. A
   changed or missing ``_academy`` helper, a changed or missing data file, a
   locked cell changed or removed, a missing notebook: each is a finding.
2. **Deadline**: the time the submission was received — from
   ``SUBMISSIONS/received.csv`` (``id,received_at``) when the delivery system
   records it, otherwise the file's modification time — against the deadline
   in the manifest.
3. **Grading**: each expected notebook is graded for the exercise the manifest
   says (never the exercise its own metadata claims), with the candidate's
   seed, in the Docker sandbox. Records and feedback go to
   ``ASSESS/graded/<cid>/``; a finished record is reused on a rerun.
4. **Similarity** across candidates, per exercise, starter code excluded.
5. **Reports**: ``ASSESS/reports/<cid>.html`` and ``.pdf``, ``comparison.html``
   comparing everyone, and ``candidates.json`` with every report's data.

A broken submission (bad zip, unreadable notebook) is a result with a reason,
never a crashed batch.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from academy.assess.bundle import (
    HELPERS,
    AssessError,
    Assessment,
    iso,
    locked_cells,
    parse_time,
    sha256_file,
)
from academy.assess.model import (
    CandidateReport,
    CheckEvidence,
    ExerciseOutcome,
    IntegrityFinding,
    SimilarityFinding,
    SkillScore,
)
from academy.catalog.load import Catalog
from academy.grading.results import GradingResult, validate_record, write_atomic

MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_FILES = 5000
COMMON_MIN_CANDIDATES = 12


@dataclass
class Received:
    folder: Path | None          # the unpacked submission, None when there is none
    received_at: datetime | None
    problem: str | None          # why it could not be read, if so


def _safe_extract(archive: Path, dest: Path, cid: str) -> Path:
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_ARCHIVE_FILES or sum(i.file_size for i in infos) > MAX_ARCHIVE_BYTES:
            raise AssessError("the archive is larger than a submission can be")
        for info in infos:
            name = info.filename
            if name.startswith("/") or ".." in Path(name).parts or (info.external_attr >> 28) == 0xA:
                raise AssessError(f"the archive holds an unsafe path {name!r}")
        zf.extractall(dest)
    inner = dest / cid
    return inner if inner.is_dir() else dest


def receive(submissions: Path, cid: str, work: Path, received: dict[str, datetime]) -> Received:
    folder, archive = submissions / cid, submissions / f"{cid}.zip"
    source = folder if folder.is_dir() else archive if archive.is_file() else None
    if source is None:
        return Received(None, None, None)
    when = received.get(cid) or datetime.fromtimestamp(source.stat().st_mtime).astimezone()
    if source is folder:
        return Received(folder, when, None)
    try:
        return Received(_safe_extract(archive, work / cid, cid), when, None)
    except (zipfile.BadZipFile, AssessError, OSError) as exc:
        reason = str(exc) if isinstance(exc, AssessError) else "it is not a readable zip"
        return Received(None, when, f"{archive.name} could not be opened: {reason}")


def read_received(submissions: Path) -> dict[str, datetime]:
    path = submissions / "received.csv"
    if not path.is_file():
        return {}
    out = {}
    for row in csv.DictReader(path.read_text().splitlines()):
        if row.get("id") and row.get("received_at"):
            out[row["id"].strip()] = parse_time(row["received_at"].strip())
    return out


def integrity(assessment: Assessment, manifest: dict[str, Any], folder: Path
              ) -> list[IntegrityFinding]:
    findings: list[IntegrityFinding] = []
    notebooks = set(manifest["locked_cells"])
    for rel, digest in sorted(manifest["files"].items()):
        path = folder / rel
        if rel in notebooks or rel == "README.md":
            if rel in notebooks and not path.is_file():
                findings.append(IntegrityFinding("not-submitted", rel,
                                                 "the notebook was not handed in"))
            continue
        kind = "helper-file" if HELPERS in Path(rel).parts else "file"
        if not path.is_file():
            findings.append(IntegrityFinding("file-missing", rel,
                                             f"the issued {kind.replace('-', ' ')} was removed"))
        elif sha256_file(path) != digest:
            findings.append(IntegrityFinding(f"{kind}-changed", rel,
                                             f"the issued {kind.replace('-', ' ')} was modified"))
    for rel, cells in sorted(manifest["locked_cells"].items()):
        path = folder / rel
        if not path.is_file():
            continue
        try:
            found = locked_cells(json.loads(path.read_text()))
            now = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id"): c
                   for c in json.loads(path.read_text()).get("cells", [])}
        except (ValueError, AttributeError):
            findings.append(IntegrityFinding("notebook-unreadable", rel,
                                             "the notebook is not valid JSON"))
            continue
        for grade_id, digest in sorted(cells.items()):
            if grade_id not in now:
                findings.append(IntegrityFinding("locked-cell-removed", rel,
                                                 f"the locked cell {grade_id} was removed"))
            elif found.get(grade_id) != digest:
                findings.append(IntegrityFinding("locked-cell-changed", rel,
                                                 f"the locked cell {grade_id} was edited"))
    return findings


def _grade_one(grader: Any, path: Path, sub_id: str, key: str, out: Path) -> GradingResult:
    from academy.grading.engine import file_sha256
    from academy.grading.feedback import render

    record = out / "results" / f"{sub_id}.json"
    if record.is_file() and path.is_file():
        try:
            old = validate_record(json.loads(record.read_text()))
            if old.submission_sha256 == file_sha256(path) and old.exercise == key:
                return old
        except Exception:  # noqa: BLE001 - a damaged record is regraded
            pass
    result = grader.grade(path, sub_id, exercise=key)
    write_atomic(out / "feedback" / f"{sub_id}.html", render(result))
    write_atomic(record, json.dumps(result.model_dump(mode="json"), indent=2) + "\n")
    return result


def skill_scores(assessment: Assessment, outcomes: list[ExerciseOutcome]) -> list[SkillScore]:
    by_key = {o.exercise: o for o in outcomes}
    rows = []
    for skill in assessment.data["skills"]:
        score = sum(by_key[k].score * by_key[k].weight for k in skill["exercises"])
        max_score = sum(by_key[k].max_score * by_key[k].weight for k in skill["exercises"])
        rows.append(SkillScore(skill["id"], skill["title"], skill["area"],
                               int(skill["expected_level"]), int(skill["assessed_level"]),
                               round(score, 4), round(max_score, 4), list(skill["exercises"])))
    return rows


def grade_assessment(assessment: Assessment, submissions: Path, catalog: Catalog, *,
                     sandbox: Any, progress: Callable[[str], None] = lambda line: None
                     ) -> list[CandidateReport]:
    from academy.assess import report as report_mod
    from academy.assess import similarity
    from academy.grading.engine import Grader

    if not submissions.is_dir():
        raise AssessError(f"{submissions} is not a folder of submissions")
    candidates = assessment.candidates()
    if not candidates:
        raise AssessError(f"nothing was issued from {assessment.folder}; run 'academy assess "
                          "issue' first")
    received = read_received(submissions)
    reports: list[CandidateReport] = []
    graded_files: dict[str, dict[str, Path]] = {}
    with tempfile.TemporaryDirectory(prefix="academy-assess-") as tmp:
        for cid in candidates:
            manifest = assessment.manifest(cid)
            progress(f"grading {cid}")
            got = receive(submissions, cid, Path(tmp), received)
            findings: list[IntegrityFinding] = []
            deadline = parse_time(manifest["deadline"])
            if got.problem:
                findings.append(IntegrityFinding("unreadable-submission", "", got.problem))
            elif got.folder is None:
                findings.append(IntegrityFinding("not-submitted", "",
                                                 "nothing was handed in"))
            else:
                findings += integrity(assessment, manifest, got.folder)
            if got.received_at is not None and got.received_at > deadline:
                late = (got.received_at - deadline).total_seconds() / 60
                findings.append(IntegrityFinding(
                    "late", "", f"handed in {late:.0f} minutes after the deadline "
                                f"({iso(got.received_at)} > {manifest['deadline']})"))
            grader = Grader(catalog, seed=int(manifest["seed"]), sandbox=sandbox)
            out = assessment.folder / "graded" / cid
            outcomes = []
            graded_files[cid] = {}
            for ex in assessment.data["exercises"]:
                key, rel = ex["key"], assessment.notebook_rel(ex["key"])
                path = got.folder / rel if got.folder is not None else None
                record: dict[str, Any] | None = None
                if path is not None and path.is_file():
                    result = _grade_one(grader, path, key.split("/")[1], key, out)
                    record = result.model_dump(mode="json")
                    graded_files[cid][key] = path
                    # keep a copy: the similarity analysis runs after the temp folder is gone
                    keep = out / "submitted" / rel
                    keep.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, keep)
                    graded_files[cid][key] = keep
                    outcomes.append(ExerciseOutcome(key, ex["title"], float(ex["weight"]),
                                                    result.score, result.max_score,
                                                    result.status, result.reason, record))
                else:
                    outcomes.append(ExerciseOutcome(key, ex["title"], float(ex["weight"]), 0.0,
                                                    float(ex["points"]), "not_submitted",
                                                    "the notebook was not handed in", None))
            evidence = [CheckEvidence(o.exercise, c["id"], c["title"], c["hidden"], c["points"],
                                      c["max_points"], c["passed"], c["message"])
                        for o in outcomes if o.record for c in o.record["checks"]]
            issued_at = parse_time(manifest["issued_at"])
            spent = ((got.received_at - issued_at).total_seconds() / 60
                     if got.received_at is not None and got.folder is not None else None)
            reports.append(CandidateReport(
                assessment_id=assessment.id, assessment_title=assessment.data["title"],
                role=assessment.data["role"], level=int(assessment.data["level"]),
                candidate=cid, name=manifest["name"], issued_at=manifest["issued_at"],
                deadline=manifest["deadline"],
                submitted_at=iso(got.received_at) if got.received_at and got.folder else None,
                minutes_spent=round(spent, 1) if spent is not None else None,
                total=round(sum(o.score * o.weight for o in outcomes), 4),
                max_total=round(sum(o.max_score * o.weight for o in outcomes), 4),
                exercises=outcomes, skills=skill_scores(assessment, outcomes),
                evidence=evidence, integrity=findings, similarity=[]))
    subs = [similarity.Submission(cid, key, path)
            for cid, files in graded_files.items() for key, path in files.items()]
    starters = {ex["key"]: assessment.folder / "starter" / assessment.notebook_rel(ex["key"])
                for ex in assessment.data["exercises"]}
    # Code "everyone writes the same way" is discounted only in large cohorts: in a
    # small one, a ring of copiers would otherwise be the majority and hide itself.
    pairs = similarity.similarity_report(
        subs, starters, threshold=float(assessment.data["similarity_threshold"]),
        common_fraction=0.5, common_min_candidates=COMMON_MIN_CANDIDATES).pairs
    for rep in reports:
        rep.similarity = [f for f in (p.findings_for(rep.candidate) for p in pairs
                                      if p.flagged and rep.candidate in (p.a, p.b))
                          if isinstance(f, SimilarityFinding)]
    out_dir = assessment.folder / "reports"
    for rep in reports:
        report_mod.write_report(rep, out_dir)
    report_mod.write_comparison(reports, out_dir)
    write_atomic(assessment.folder / "candidates.json",
                 json.dumps([asdict(r) for r in reports], indent=1, default=str) + "\n")
    return reports
