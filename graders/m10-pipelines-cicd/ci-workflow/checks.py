"""Checks for ci-workflow: the learner's GitHub Actions workflow is read as data, validated
against the GitHub workflow schema, and its steps are run on the good commit of the project
and on three broken commits.

The sandbox only hands back ``data/project/.github/workflows/ci.yml``. Everything else
happens here, in the grader (academy.lab.workflows):

1. static facts: schema errors (SchemaStore's github-workflow schema), triggers, the refs of
   actions/checkout and actions/setup-python, the Python versions set up, the pip installs;
2. dynamic facts: the workflow's ``run:`` steps run, in order, in locked-down containers of
   the base environment (no network), on the exercise's own project (the repository's copy,
   not the learner's) and on three seeded broken commits of it (reference.broken_commit):
   a bug only the unit tests see, data only the data check sees, a model only the quality
   smoke test sees.

A broken commit counts as caught only when the good commit is green: a workflow that fails
on everything catches nothing.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import Any

import numpy as np

from academy.grading.checks import (
    Answer,
    Call,
    Evidence,
    EvidenceCheck,
    Inspection,
    Suite,
    Verdict,
    public_checks,
)
from academy.lab import workflows as wf

from . import reference
from .public import PUBLIC_CHECKS

BROKEN = ("code", "data", "model")


def pip_installs(workflow: dict) -> list[list[str]]:
    """The arguments after ``pip install`` of every command in the run steps."""
    found = []
    for _, _, script in wf.run_commands(workflow):
        for line in script.replace("\\\n", " ").splitlines():
            for command in re.split(r"&&|\|\||;", line):
                try:
                    words = shlex.split(command)
                except ValueError:
                    words = command.split()
                for i in range(len(words) - 1):  # pip install, pip3 install, -m pip install
                    is_pip = words[i] in ("pip", "pip3") or words[i].endswith(("/pip", "/pip3"))
                    if is_pip and words[i + 1] == "install":
                        found.append(words[i + 2:])
    return found


def install_facts(workflow: dict) -> dict[str, Any]:
    requirement_files, named = [], []
    for args in pip_installs(workflow):
        skip = False
        for i, word in enumerate(args):
            if skip:
                skip = False
                continue
            if word in ("-r", "--requirement"):
                if i + 1 < len(args):
                    requirement_files.append(args[i + 1])
                skip = True
            elif word.startswith("--requirement="):
                requirement_files.append(word.split("=", 1)[1])
            elif word.startswith("-r") and len(word) > 2:
                requirement_files.append(word[2:])
            elif word.startswith("-"):
                skip = word in ("-c", "--constraint", "-i", "--index-url", "--target", "-t")
            elif word not in (".",):
                named.append(word)
    return {"requirement_files": requirement_files, "named": named}


def static_facts(workflow: dict) -> dict[str, Any]:
    actions = []
    for job, body in wf.jobs(workflow):
        for step in wf.steps(body):
            action = wf.action_of(step)
            if action is not None:
                actions.append({"job": job, "action": action[0], "ref": action[1]})
    return {
        "schema_errors": wf.schema_errors(workflow),
        "triggers": wf.triggers(workflow),
        "actions": actions,
        "python_versions": wf.setup_python_versions(workflow),
        "installs": install_facts(workflow),
        "runs": len(wf.run_commands(workflow)),
    }


def _summary(runs: list[wf.JobRun]) -> dict[str, Any]:
    return {"status": wf.commit_status(runs), "failure": wf.describe_failure(runs),
            "skipped_actions": sorted({s.name for r in runs for s in r.steps
                                       if s.kind == "action"})}


class RunWorkflow(Inspection):
    """Reads ci.yml back, judges it as data and runs it on four commits."""

    needs_lab = True

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:read_files", ([reference.WORKFLOW],))]

    def inspect(self, calls: Sequence[Call], answers: Sequence[Answer], lab: Any,
                rng: np.random.Generator) -> Evidence:
        files = answers[0].value if answers[0].ok and isinstance(answers[0].value, dict) else {}
        text = files.get(reference.WORKFLOW)
        if not isinstance(text, str):
            return {"problem": f"the notebook did not write {reference.WORKFLOW}"}
        try:
            workflow = wf.load_workflow(text)
        except wf.WorkflowError as exc:
            return {"problem": str(exc)}
        evidence: Evidence = {"static": static_facts(workflow), "advice": []}
        if not wf.jobs(workflow):
            evidence["problem"] = "the workflow has no jobs to run"
            return evidence
        commits = {"good": reference.project_files()}
        broken = {}
        for kind in BROKEN:
            name, commit = reference.broken_commit(kind, rng)
            commits[kind] = commit
            broken[kind] = name
        results = wf.run_commits(lab, workflow, commits, step_timeout=120, job_timeout=240)
        evidence["commits"] = {name: _summary(runs) for name, runs in results.items()}
        evidence["broken"] = broken
        skipped = evidence["commits"]["good"]["skipped_actions"]
        if skipped:
            evidence["advice"].append("the grader cannot run these actions offline and "
                                      "skipped them: " + ", ".join(skipped))
        return evidence


class Static(EvidenceCheck):
    """Shared plumbing: a workflow that cannot be read fails every check with the reason."""

    def facts(self, evidence: Evidence) -> tuple[dict, Verdict | None]:
        if "static" not in evidence:
            return {}, Verdict(False, evidence.get("problem", "the workflow was not inspected"))
        return evidence["static"], None


class SchemaValid(Static):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        facts, failed = self.facts(evidence)
        if failed:
            return failed
        if facts["schema_errors"]:
            return Verdict(False, "the workflow does not match the GitHub workflow schema: "
                                  + "; ".join(facts["schema_errors"][:2]))
        return Verdict(True, self.title)


class Triggers(Static):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        facts, failed = self.facts(evidence)
        if failed:
            return failed
        missing = [e for e in ("push", "pull_request") if e not in facts["triggers"]]
        if missing:
            return Verdict(False, "the workflow is not triggered by " + " and ".join(missing))
        return Verdict(True, self.title)


class PinnedActions(Static):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        facts, failed = self.facts(evidence)
        if failed:
            return failed
        for action in ("actions/checkout", "actions/setup-python"):
            refs = [a["ref"] for a in facts["actions"] if a["action"] == action]
            if not refs:
                return Verdict(False, f"the workflow does not use {action}")
            loose = [r for r in refs if not wf.is_pinned(r)]
            if loose:
                shown = f"@{loose[0]}" if loose[0] else " without @version"
                return Verdict(False, f"{action}{shown} is not pinned to a release tag or a "
                                      "commit SHA")
        return Verdict(True, self.title)


class Python311(Static):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        facts, failed = self.facts(evidence)
        if failed:
            return failed
        versions = facts["python_versions"]
        if not versions:
            return Verdict(False, "no actions/setup-python step sets up Python")
        other = [v for v in versions if not re.fullmatch(r"3\.11(\.\d+)?", v)]
        if other:
            shown = other[0] or "no python-version"
            return Verdict(False, f"setup-python asks for {shown}; the project's pins are for "
                                  "Python 3.11")
        return Verdict(True, self.title)


class InstallsPinned(Static):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        facts, failed = self.facts(evidence)
        if failed:
            return failed
        installs = facts["installs"]
        if installs["named"]:
            return Verdict(False, "a step installs packages by name ("
                                  + ", ".join(installs["named"][:4]) + ") instead of the "
                                  "pinned requirements.txt")
        if not any(f.rsplit("/", 1)[-1] == "requirements.txt"
                   for f in installs["requirement_files"]):
            return Verdict(False, "no step installs the dependencies with "
                                  "pip install -r requirements.txt")
        return Verdict(True, self.title)


class Dynamic(EvidenceCheck):
    def commits(self, evidence: Evidence) -> tuple[dict, Verdict | None]:
        if "commits" not in evidence:
            return {}, Verdict(False, evidence.get("problem", "the workflow was not run"))
        return evidence["commits"], None


class GoodGreen(Dynamic):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        commits, failed = self.commits(evidence)
        if failed:
            return failed
        good = commits["good"]
        if good["status"] != "success":
            return Verdict(False, "on the project as shipped, the workflow fails: "
                                  + good["failure"])
        return Verdict(True, self.title)


class Catches(Dynamic):
    def __init__(self, id: str, title: str, points: float, kind: str, what: str, *,
                 hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.kind, self.what = kind, what

    def judge_evidence(self, evidence: Evidence) -> Verdict:
        commits, failed = self.commits(evidence)
        if failed:
            return failed
        if commits["good"]["status"] != "success":
            return Verdict(False, "the workflow already fails on the good commit, so its red "
                                  f"on a commit with {self.what} proves nothing")
        if commits[self.kind]["status"] == "success":
            return Verdict(False, f"on a commit with {self.what}, every step of the workflow "
                                  "succeeds: CI stays green")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m10-pipelines-cicd/ci-workflow",
    inspection=RunWorkflow(),
    checks=public_checks(PUBLIC_CHECKS) + [
        SchemaValid("schema-valid", "ci.yml is a valid GitHub Actions workflow", 1, hints=[
            "GitHub refuses a workflow whose keys are misspelt, misplaced or missing; the "
            "message names the place. Every job needs runs-on and steps.",
            "Check the indentation: steps is a list under the job, each step is a mapping "
            "with uses (and with) or run (and name, env...); on and jobs are top-level keys.",
        ]),
        Triggers("triggers", "CI runs on pushes and on pull requests", 1, hints=[
            "A pull request is checked before it is merged only if the workflow listens to "
            "that event.",
            "on: [push, pull_request], or a mapping with both keys (branch filters are fine).",
        ]),
        PinnedActions("pinned-actions", "checkout and setup-python are pinned to a version", 1,
                      hints=[
            "uses: actions/checkout@main follows whatever is pushed to that branch, today "
            "and tomorrow.",
            "Pin both actions to a release tag (actions/checkout@v4, actions/setup-python@v5) "
            "or to a full 40-character commit SHA.",
        ]),
        Python311("python-311", "CI sets up Python 3.11", 1, hints=[
            "The versions in requirements.txt were resolved for one Python version; CI should "
            "test on the one production runs.",
            "with: python-version: '3.11' on actions/setup-python (quote it: unquoted 3.10 "
            "would become 3.1); in a matrix, every entry must be 3.11.",
        ]),
        InstallsPinned("installs-pinned", "CI installs the pinned requirements", 1, hints=[
            "Installing packages by name picks whatever version is newest that day, so CI "
            "tests something other than what you pinned.",
            "Use python -m pip install -r requirements.txt (and nothing installed by name).",
        ]),
        GoodGreen("good-commit-green", "the workflow passes on the project as shipped", 1,
                  hints=[
            "The grader runs your run: steps in order with bash -eo pipefail, offline, from "
            "the project's root, with Python 3.11 and the pinned packages already there. "
            "Which step fails, and why? The message quotes its last line of output.",
            "Use only what the project has: requirements.txt, python -m pytest, "
            "python scripts/check_data.py and python scripts/smoke_test_model.py. Plugins "
            "that are not pinned (pytest-cov...) and downloads are not available.",
        ]),
        Catches("catches-broken-code", "CI fails on a commit with a bug in the feature code",
                1, "code", "a bug in add_features", hints=[
            "Which step would notice that add_features computes a wrong value?",
            "Run the unit tests (python -m pytest) as a step of its own, without || true or "
            "continue-on-error.",
        ]),
        Catches("catches-bad-data", "CI fails on a commit with data that breaks the contract",
                1, "data", "orders that break the data contract", hints=[
            "The unit tests do not read data/orders.csv; something else must.",
            "Run python scripts/check_data.py data/orders.csv as a step: it exits with "
            "status 1 when the data breaks the contract.",
        ]),
        Catches("catches-weak-model", "CI fails on a commit whose model is below the bar", 1,
                "model", "a model below the quality bar", hints=[
            "Code can pass its unit tests and data can pass its checks while the model they "
            "make is useless.",
            "Run python scripts/smoke_test_model.py as a step: it trains on the data and exits "
            "with status 1 below the quality bar.",
        ]),
    ],
)
