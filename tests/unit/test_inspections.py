"""Inspections: trusted work on a submission's artifacts between the sandbox and the
judges. Evidence checks are judged on the inspection's evidence; a lab that cannot work
turns the record into an error with a reason, and the other checks are still graded."""

from __future__ import annotations

import contextlib

from academy.grading.checks import Call, EvidenceCheck, Inspection, Suite, Verdict
from academy.grading.engine import Grader
from academy.lab.lab import LabError

from ..conftest import METRICS

WRITE = ("from pathlib import Path\n"
         "Path('answer.txt').write_text('forty-two')\n")


class ReadBack(Inspection):
    def __init__(self, needs_lab: bool = False) -> None:
        self.needs_lab = needs_lab

    def calls(self, rng):
        return [Call("academy:read_files", (["answer.txt", "missing.txt", "data/"],))]

    def inspect(self, calls, answers, lab, rng):
        return {"files": answers[0].value, "advice": ["a remark that earns nothing"]}


class SaysFortyTwo(EvidenceCheck):
    def judge_evidence(self, evidence):
        files = evidence["files"]
        ok = files["answer.txt"] == "forty-two" and files["missing.txt"] is None
        return Verdict(ok, "read back" if ok else f"got {files}")


def _grade(catalog, source, inspection, lab=None):
    grader = Grader(catalog, seed=7, lab=lab)
    entry = catalog.exercise(METRICS)
    suite = grader.suite(entry)
    grader._suites[entry.key] = Suite(entry.key, suite.checks + [
        SaysFortyTwo("reads-back", "the file the notebook wrote", 1, hints=["a", "b"])],
        inspection=inspection)
    return grader.grade(source, "inspected")


def test_evidence_from_files_the_notebook_wrote(catalog, tmp_path):
    from academy.grading.verify import with_extra_cells

    entry = catalog.exercise(METRICS)
    source = with_extra_cells(entry.source, WRITE, dest=tmp_path / "s.ipynb")
    result = _grade(catalog, source, ReadBack())
    check = {c.id: c for c in result.checks}["reads-back"]
    assert result.status == "graded" and check.passed, check.message
    assert result.score == result.max_score
    assert "advice: a remark that earns nothing" in result.notes
    unwritten = _grade(catalog, entry.source, ReadBack())
    assert not {c.id: c for c in unwritten.checks}["reads-back"].passed


class BrokenLab:
    @contextlib.contextmanager
    def open(self):
        raise LabError("no Docker engine answers")
        yield


def test_a_lab_that_cannot_work_is_a_reason_not_a_crash(catalog, tmp_path):
    from academy.grading.verify import with_extra_cells

    entry = catalog.exercise(METRICS)
    source = with_extra_cells(entry.source, WRITE, dest=tmp_path / "s.ipynb")
    result = _grade(catalog, source, ReadBack(needs_lab=True), lab=BrokenLab())
    assert result.status == "error"
    assert "lab cannot: no Docker engine answers" in (result.reason or "")
    by_id = {c.id: c for c in result.checks}
    assert not by_id["reads-back"].passed
    assert by_id["reads-back"].message.startswith("not judged:")
    others = [c for c in result.checks if c.id != "reads-back"]
    assert all(c.passed for c in others)  # the model solution's own checks still count
