"""Grade one submission: answers out of the sandbox, verdicts in the grader.

1. Read the notebook as data (never executed here) and find its exercise.
2. Ask each check for its calls, on inputs from a generator seeded per run.
3. Send the code cells and the calls - nothing else - to the sandbox.
4. Judge the answers that come back against ``reference.py``, here.
"""

from __future__ import annotations

import hashlib
import json
import stat
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from academy import __version__
from academy.catalog.load import Catalog, CatalogError, ExerciseEntry
from academy.grading.archive import ArchiveRefused, is_archive, read_archive_notebook
from academy.grading.checks import (
    Answer,
    Call,
    Check,
    Evidence,
    EvidenceCheck,
    Inspection,
    Suite,
    Verdict,
    is_memory_error,
)
from academy.grading.loader import load_suite
from academy.grading.results import (
    CheckOutcome,
    EnvironmentInfo,
    GradingResult,
    Resources,
    SandboxInfo,
    Status,
    Timings,
)
from academy.grading.sandbox import Limits, LocalSandbox, SandboxRun, SandboxUnavailable
from academy.runtime import codec

MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024


class InvalidSubmission(Exception):
    """A submission that cannot be graded; the message is one sentence for the learner."""


@dataclass(frozen=True)
class Notebook:
    """The parts of a submitted notebook that grading uses."""

    cells: list[str]
    exercise: str | None


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    if isinstance(src, list) and all(isinstance(s, str) for s in src):
        return "".join(src)
    if isinstance(src, str):
        return src
    raise InvalidSubmission("a cell's source is neither text nor a list of lines")


def file_sha256(path: Path) -> str | None:
    """Hash of a regular file's bytes (None for links, devices and unreadable paths)."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def read_submission(path: Path) -> bytes:
    """The notebook bytes of a submission: a notebook file, or the one inside an archive."""
    try:
        info = path.lstat()
    except OSError as exc:
        raise InvalidSubmission(f"cannot read the file ({exc.strerror})") from exc
    if not stat.S_ISREG(info.st_mode):
        raise InvalidSubmission("the submission is not a regular file (a link or a device?)")
    if is_archive(path):
        try:
            return read_archive_notebook(path, MAX_NOTEBOOK_BYTES)
        except ArchiveRefused as exc:
            raise InvalidSubmission(str(exc)) from exc
    if info.st_size > MAX_NOTEBOOK_BYTES:
        raise InvalidSubmission(f"the notebook is {info.st_size // 2**20} MB, over the "
                                f"{MAX_NOTEBOOK_BYTES // 2**20} MB limit")
    with open(path, "rb") as fh:
        raw = fh.read(MAX_NOTEBOOK_BYTES + 1)
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise InvalidSubmission(f"the notebook is over the {MAX_NOTEBOOK_BYTES // 2**20} MB limit")
    return raw


def read_notebook(path: Path) -> Notebook:
    """Parse *path* as an nbformat-4 notebook, refusing anything else with a reason."""
    return parse_notebook(read_submission(path))


def parse_notebook(raw: bytes) -> Notebook:
    """Parse notebook bytes (never executed here), refusing anything else with a reason."""
    try:
        nb = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidSubmission(f"the file is not valid JSON, so it is not a notebook "
                                f"({str(exc)[:80]})") from exc
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise InvalidSubmission("the file is JSON but not a notebook (no list of cells)")
    version = nb.get("nbformat")
    if version != 4:
        raise InvalidSubmission(f"notebook format version {version!r} is not supported; "
                                "save it with Jupyter (format 4)")
    cells = []
    for cell in nb["cells"]:
        if not isinstance(cell, dict) or "cell_type" not in cell:
            raise InvalidSubmission("the notebook has a malformed cell")
        if cell["cell_type"] == "code":
            cells.append(_source(cell))
    meta = nb.get("metadata")
    academy_meta = meta.get("academy") if isinstance(meta, dict) else None
    exercise = academy_meta.get("exercise") if isinstance(academy_meta, dict) else None
    return Notebook(cells, exercise if isinstance(exercise, str) else None)


def _lockfile_hash(entry: ExerciseEntry) -> str | None:
    lock = entry.root / "environments" / entry.environment / "requirements.lock"
    return hashlib.sha256(lock.read_bytes()).hexdigest() if lock.is_file() else None


@dataclass
class Grader:
    """Grades submissions for a catalog with one sandbox and one seed."""

    catalog: Catalog
    seed: int
    sandbox: Any = None
    limits: Limits = Limits()
    lab: Any = None
    """Opens a :class:`academy.lab.lab.Lab` for exercises whose inspection needs one
    (``lab.open()``); found on first use when None."""

    def __post_init__(self) -> None:
        if self.sandbox is None:
            self.sandbox = LocalSandbox()
        self._suites: dict[str, Suite] = {}
        self._suites_lock = threading.Lock()
        self._lab_error: str | None = None

    def suite(self, entry: ExerciseEntry) -> Suite:
        with self._suites_lock:  # grading threads share one loaded suite per exercise
            if entry.key not in self._suites:
                self._suites[entry.key] = load_suite(entry.grader)
            return self._suites[entry.key]

    def grade(self, path: Path, submission_id: str, exercise: str | None = None) -> GradingResult:
        """Grade one notebook; any failure of the submission becomes a result."""
        started = time.monotonic()
        base: dict[str, Any] = {
            "submission_id": submission_id, "submission_file": str(path),
            "submission_sha256": None, "exercise": None, "seed": self.seed,
            "grader_version": __version__,
            "graded_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "sandbox": SandboxInfo(kind=self.sandbox.kind),
            "resources": Resources(peak_memory_mb=0.0),
        }
        entry: ExerciseEntry | None = None
        base["submission_sha256"] = file_sha256(path)
        try:
            if exercise is not None:
                try:
                    entry = self.catalog.exercise(exercise)
                except CatalogError as exc:
                    raise InvalidSubmission(str(exc)) from exc
            notebook = read_notebook(path)
            key = exercise or notebook.exercise
            if key is None:
                raise InvalidSubmission("the notebook does not say which exercise it answers "
                                        "(metadata.academy.exercise); pass --exercise")
            try:
                entry = self.catalog.exercise(key)
            except CatalogError as exc:
                raise InvalidSubmission(str(exc)) from exc
        except InvalidSubmission as exc:
            return self._ungraded(base, entry, "invalid", str(exc), started)
        base["exercise"] = entry.key
        base["environment"] = EnvironmentInfo(name=entry.environment,
                                              lockfile_sha256=_lockfile_hash(entry))
        suite = self.suite(entry)
        plan_calls: list[tuple[Check, list[Call]]] = [(c, c.calls(c.rng(self.seed)))
                                                      for c in suite.checks]
        inspection_calls: list[Call] = []
        if suite.inspection is not None:
            inspection_calls = suite.inspection.calls(self._inspection_rng())
            plan_calls.append((_InspectionCalls(), inspection_calls))
        probes = []
        for check, calls in plan_calls:
            for i, call in enumerate(calls):
                probe = {"id": f"{check.id}#{i}", "function": call.function,
                         "args": codec.encode(list(call.args)),
                         "kwargs": codec.encode(dict(call.kwargs))}
                if call.then:
                    probe["then"] = [{"method": step.method,
                                      "args": codec.encode(list(step.args)),
                                      "kwargs": codec.encode(dict(step.kwargs))}
                                     for step in call.then]
                probes.append(probe)
        plan = {"probes": probes, "cell_timeout": self.limits.cell_timeout,
                "probe_timeout": self.limits.probe_timeout}
        try:
            run = self.sandbox.run(notebook.cells, plan, entry.data_files(), self.limits,
                                   entry.environment)
        except SandboxUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - an engine failure is a result, not a crash
            return self._ungraded(base, entry, "error", f"the sandbox failed "
                                  f"({type(exc).__name__}: {str(exc)[:200]})", started)
        answers, tampered = _answers(run)
        status, reason, notes = _status(run, self.limits)
        if tampered:
            notes.append("the answers file holds duplicate or late entries; only the first "
                          "answer to each call was used")
        evidence: Evidence = {}
        inspection_seconds = 0.0
        if suite.inspection is not None:
            got = [answers.get(f"{_INSPECT}#{i}", Answer(error=_missing(reason)))
                   for i in range(len(inspection_calls))]
            clock = time.monotonic()
            evidence, failure = self._inspect(suite.inspection, inspection_calls, got)
            inspection_seconds = round(time.monotonic() - clock, 3)
            notes += [f"advice: {a}" for a in evidence.get("advice", []) if isinstance(a, str)]
            if failure is not None and status == "graded":
                status, reason = "error", failure
        outcomes = []
        for check, calls in plan_calls:
            if isinstance(check, _InspectionCalls):
                continue
            got = [answers.get(f"{check.id}#{i}", Answer(error=_missing(reason)))
                   for i in range(len(calls))]
            if isinstance(check, EvidenceCheck):
                verdict = _judge_evidence(check, evidence)
            else:
                verdict = _judge(check, calls, got)
            outcomes.append(CheckOutcome(
                id=check.id, title=check.title, hidden=check.hidden,
                points=check.points if verdict.passed else 0.0, max_points=check.points,
                passed=verdict.passed, message=verdict.message,
                hints=[] if verdict.passed else list(check.hints)))
        base["sandbox"] = SandboxInfo(kind=run.kind, image_digest=run.image, image=run.image_tag,
                                      exit_code=run.exit_code, signal=run.signal)
        base["resources"] = Resources(peak_memory_mb=run.peak_memory_mb)
        return GradingResult(
            **base, status=status, reason=reason,
            score=round(sum(o.points for o in outcomes), 6), max_score=suite.total,
            checks=outcomes, notes=notes,
            timings=Timings(total_seconds=round(time.monotonic() - started, 3),
                            sandbox_wall_seconds=run.wall_seconds,
                            sandbox_cpu_seconds=run.cpu_seconds,
                            inspection_seconds=inspection_seconds))

    def _inspection_rng(self) -> Any:
        import numpy as np

        return np.random.default_rng([self.seed, 0x1A5])

    def _open_lab(self) -> Any:
        """A lab provider, found once; raises LabError with the reason it cannot work."""
        from academy.lab.lab import LabError

        with self._suites_lock:
            if self.lab is None and self._lab_error is None:
                from academy.lab.provider import LabProvider

                try:
                    self.lab = LabProvider.discover(self.catalog.root)
                except LabError as exc:
                    self._lab_error = str(exc)
            if self.lab is None:
                raise LabError(self._lab_error or "no lab")
            return self.lab

    def _inspect(self, inspection: Inspection, calls: list[Call],
                 answers: list[Answer]) -> tuple[Evidence, str | None]:
        """Evidence from the inspection, and a reason when it could not be gathered."""
        from academy.lab.lab import LabError

        rng = self._inspection_rng()
        try:
            if not inspection.needs_lab:
                return dict(inspection.inspect(calls, answers, None, rng)), None
            with self._open_lab().open() as lab:
                return dict(inspection.inspect(calls, answers, lab, rng)), None
        except LabError as exc:
            reason = f"this exercise builds and runs containers, and the lab cannot: {exc}"
        except Exception as exc:  # noqa: BLE001 - a failed inspection is a result
            reason = (f"the artifacts could not be inspected ({type(exc).__name__}: "
                      f"{str(exc)[:200]})")
        return {"failed": reason}, reason

    def _ungraded(self, base: dict[str, Any], entry: ExerciseEntry | None, status: Status,
                   reason: str, started: float) -> GradingResult:
        checks: list[CheckOutcome] = []
        max_score = 0.0
        if entry is not None:
            base = {**base, "exercise": entry.key}
            suite = self.suite(entry)
            max_score = suite.total
            checks = [CheckOutcome(id=c.id, title=c.title, hidden=c.hidden, points=0.0,
                                   max_points=c.points, passed=False,
                                   message=f"not graded: {reason}") for c in suite.checks]
        return GradingResult(**base, status=status, reason=reason, score=0.0,
                             max_score=max_score, checks=checks,
                             timings=Timings(total_seconds=round(time.monotonic() - started, 3),
                                             sandbox_wall_seconds=0.0, sandbox_cpu_seconds=0.0))


_INSPECT = "inspect"


class _InspectionCalls(Check):
    """Stands for the suite's inspection in the probe plan (probe ids ``inspect#i``)."""

    def __init__(self) -> None:
        super().__init__(_INSPECT, "inspection", 0.0, hidden=True)


def _judge_evidence(check: EvidenceCheck, evidence: Evidence) -> Verdict:
    if "failed" in evidence:
        return Verdict(False, f"not judged: {evidence['failed']}")
    try:
        return check.judge_evidence(evidence)
    except Exception as exc:  # noqa: BLE001 - evidence the judge could not digest
        return Verdict(False, f"the evidence could not be judged ({type(exc).__name__})")


def _judge(check: Check, calls: list[Call], answers: list[Answer]) -> Verdict:
    try:
        return check.judge(calls, answers)
    except Exception as exc:  # noqa: BLE001 - an answer the judge could not digest
        return Verdict(False, f"the answer could not be judged ({type(exc).__name__})")


def _answers(run: SandboxRun) -> tuple[dict[str, Answer], bool]:
    """The first answer per probe id, up to the runner's "done" event.

    Returns the answers and whether the events looked tampered with (a probe
    answered twice, or lines after "done"), which the record reports.
    """
    answers: dict[str, Answer] = {}
    tampered = False
    for event in run.events:
        kind = event.get("event")
        if kind == "done":
            tampered |= event is not run.events[-1]
            break
        if kind != "probe" or not isinstance(event.get("id"), str):
            continue
        if event["id"] in answers:
            tampered = True
            continue
        if isinstance(event.get("error"), str):
            answers[event["id"]] = Answer(error=event["error"][:500])
            continue
        try:
            answers[event["id"]] = Answer(value=codec.decode(event.get("answer")))
        except (ValueError, TypeError, RecursionError):
            answers[event["id"]] = Answer(error="the answer was not plain data")
    return answers, tampered


def _missing(reason: str | None) -> str:
    return f"no answer ({reason})" if reason else "no answer"


def _status(run: SandboxRun, limits: Limits) -> tuple[Status, str | None, list[str]]:
    notes = []
    memory_error = False
    stopped: list[str] = []
    for event in run.events:
        error = event.get("error")
        if not isinstance(error, str):
            continue
        if event.get("event") == "cell":
            notes.append(f"code cell {_ordinal(event.get('index'))} raised {error[:300]}")
            if error.startswith("Timeout"):
                stopped.append(f"code cell {_ordinal(event.get('index'))}")
        if event.get("event") == "probe" and error.startswith("Timeout: did not"):
            stopped.append(f"a call to `{str(event.get('function', '?'))[:60]}`")
        memory_error |= is_memory_error(error)
    done = any(e.get("event") == "done" for e in run.events)
    cells_run = [e for e in run.events if e.get("event") == "cell"]
    if run.timed_out:
        return "timeout", (f"the submission ran past the {limits.wall_seconds:g} s limit "
                           "and was stopped"), notes
    if run.signal == 24:  # SIGXCPU
        return "timeout", f"the submission used more than {limits.cpu_seconds} s of CPU", notes
    if stopped and done:
        return "timeout", (f"{stopped[0]} did not finish within its time limit and was stopped; "
                           "the rest was graded"), notes
    if memory_error or run.oom_killed:
        return "out_of_memory", (f"the submission ran out of memory (limit {limits.memory_mb} MB)"
                                 ), notes
    if run.malformed_events:
        return "error", "the answers file was tampered with or truncated", notes
    if not done:
        total = _cell_count(run)
        if total is None:
            where = "before its cells could run"
        elif len(cells_run) < total:
            where = f"during code cell {len(cells_run) + 1} of {total}"
        else:
            where = "while its functions were being called"
        how = f"signal {run.signal}" if run.signal else f"exit code {run.exit_code}"
        if run.signal == 9:
            return "crashed", (f"the submission was killed {where} (signal 9: out of memory, "
                               "over its CPU limit, or it killed itself)"), notes
        return "crashed", f"the submission ended the grading process {where} ({how})", notes
    return "graded", None, notes


def _cell_count(run: SandboxRun) -> int | None:
    for event in run.events:
        if event.get("event") == "start" and isinstance(event.get("cells"), int):
            return int(event["cells"])
    return None


def _ordinal(index: Any) -> str:
    return str(index + 1) if isinstance(index, int) else "?"
