"""GitHub Actions workflows as data, and their ``run:`` steps run offline in a locked-down
container.

Reading: :func:`load_workflow` parses the YAML the way GitHub does for the keys that matter
(``on`` stays a string key; YAML 1.1 would turn it into ``True``), :func:`schema_errors`
validates it against SchemaStore's ``github-workflow`` JSON schema (vendored by the
``check-jsonschema`` package), and the helpers below answer the usual review questions:
which events trigger it, which actions it uses at which ref, which Python versions it sets
up, which commands its steps run.

Running: :func:`run_workflow` runs every job of a workflow on one commit (a dict of files)
in a container of the lab's ``helper_image`` (the course's base environment), the way a
runner would, with what a grader can offer offline:

* jobs run in the order their ``needs`` allow, each in its own container, on a fresh copy
  of the commit (``GITHUB_WORKSPACE``), with the first combination of its matrix;
* ``run:`` steps run in order with ``bash --noprofile --norc -eo pipefail`` (the runner's
  default shell), in ``working-directory`` (step, then ``defaults.run``), with the
  workflow's, the job's and the step's ``env`` and ``${{ matrix.* / env.* / github.* }}``
  expressions substituted; a failing step fails its job unless it has
  ``continue-on-error: true``, and the steps after it are skipped;
* ``uses:`` steps are emulated: ``actions/checkout`` (the files are already there) and
  ``actions/setup-python`` (the image's Python is on ``PATH``) succeed; any other action is
  skipped and reported as such;
* pip finds no index (``PIP_NO_INDEX=1``): installing requirements that the image already
  satisfies succeeds, anything else fails as it would without network;
* not emulated: ``shell:`` (every step runs in bash), ``if:`` conditions, services,
  containers, outputs between steps or jobs, and matrix combinations after the first.

Containers have no network, a read-only root with a tmpfs, no capabilities, no new
privileges, an unprivileged user, memory, CPU and pids limits, a per-step and a per-job
time limit, and carry the lab's labels: :meth:`Lab.close` removes them.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from academy.lab.lab import Lab

MAX_OUTPUT = 4_000
"""Characters of a step's output kept (its tail)."""
WORKSPACE = "/tmp/runner/work/checkout"  # noqa: S108 - inside the job's container
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
SHA = re.compile(r"^[0-9a-f]{40}$")
VERSION_TAG = re.compile(r"^v?\d+(\.\d+){0,2}$")


class WorkflowError(Exception):
    """The text is not a workflow that can be read; one sentence says why."""


# --------------------------------------------------------------------------- reading


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: only true/false, so ``on:`` stays a key."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|"
                                                                   r"False|FALSE)$"), list("tTfF"))


def load_workflow(text: str) -> dict[str, Any]:
    """The workflow as plain data; WorkflowError when it is not a YAML mapping."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise WorkflowError(f"the workflow is not valid YAML{where}: "
                            f"{getattr(exc, 'problem', None) or exc}") from exc
    if not isinstance(data, dict):
        raise WorkflowError("the workflow is not a YAML mapping (keys such as on: and jobs:)")
    return data


def workflow_schema() -> dict[str, Any]:
    """SchemaStore's github-workflow schema, as vendored by check-jsonschema."""
    try:
        files = resources.files("check_jsonschema.builtin_schemas.vendor")
    except ModuleNotFoundError as exc:
        raise RuntimeError("the check-jsonschema package (which vendors the GitHub workflow "
                           "schema) is not installed") from exc
    return dict(json.loads(files.joinpath("github-workflows.json").read_text()))


def schema_errors(workflow: Mapping[str, Any], limit: int = 5) -> list[str]:
    """Violations of the GitHub workflow schema, most specific first: ``where: what``."""
    import jsonschema

    schema = workflow_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    out = []
    for error in list(validator.iter_errors(dict(workflow)))[:limit]:
        while error.context:  # anyOf/oneOf: the branch that came closest says what is wrong
            error = jsonschema.exceptions.best_match(error.context)
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        out.append(f"{where}: {error.message[:200]}")
    return out


def triggers(workflow: Mapping[str, Any]) -> list[str]:
    """The events named by ``on:`` (a string, a list or a mapping)."""
    on = workflow.get("on")
    if isinstance(on, str):
        return [on]
    if isinstance(on, list):
        return [str(e) for e in on]
    if isinstance(on, dict):
        return [str(e) for e in on]
    return []


def jobs(workflow: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(id, job) pairs in an order that respects ``needs`` (file order otherwise)."""
    raw = workflow.get("jobs")
    if not isinstance(raw, dict):
        return []
    pending = [(str(k), v if isinstance(v, dict) else {}) for k, v in raw.items()]
    done: list[tuple[str, dict[str, Any]]] = []
    while pending:
        names = {name for name, _ in done}
        for i, (_, job) in enumerate(pending):
            needs = job.get("needs") or []
            needs = [needs] if isinstance(needs, str) else [str(n) for n in needs]
            if all(n in names or n not in raw for n in needs):
                done.append(pending.pop(i))
                break
        else:  # a cycle: keep file order
            done += pending
            pending = []
    return done


def steps(job: Mapping[str, Any]) -> list[dict[str, Any]]:
    raw = job.get("steps")
    return [s for s in raw if isinstance(s, dict)] if isinstance(raw, list) else []


def matrix_combinations(job: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every combination of the job's matrix (``include`` adds, ``exclude`` is ignored)."""
    strategy = job.get("strategy")
    matrix = strategy.get("matrix") if isinstance(strategy, dict) else None
    if not isinstance(matrix, dict):
        return [{}]
    axes = {k: v for k, v in matrix.items() if k not in ("include", "exclude")
            and isinstance(v, list) and v}
    combos: list[dict[str, Any]] = [dict(zip(axes, values, strict=True))
              for values in itertools.product(*axes.values())] if axes else []
    for extra in matrix.get("include") or []:
        if isinstance(extra, dict):
            combos.append(dict(extra))
    if not combos:
        combos.append({})
    return combos


def substitute(text: str, context: Mapping[str, Any]) -> str:
    """Replace ``${{ a.b }}`` by the context's value (empty when unknown)."""

    def one(match: re.Match[str]) -> str:
        value: Any = context
        for part in match.group(1).strip().split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return "" if value is None or isinstance(value, (dict, list)) else str(value)

    return EXPRESSION.sub(one, text)


def action_of(step: Mapping[str, Any]) -> tuple[str, str] | None:
    """(action, ref) of a ``uses:`` step; ref is '' when there is no ``@``."""
    uses = step.get("uses")
    if not isinstance(uses, str):
        return None
    name, _, ref = uses.strip().partition("@")
    return name.lower(), ref


def is_pinned(ref: str) -> bool:
    """A release tag (v4, v4.2, 4.2.1) or a full commit SHA; not a branch, not empty."""
    return bool(VERSION_TAG.match(ref) or SHA.match(ref))


def setup_python_versions(workflow: Mapping[str, Any]) -> list[str]:
    """The ``python-version`` each setup-python step asks for, per matrix combination."""
    versions = []
    for _, job in jobs(workflow):
        for combo in matrix_combinations(job):
            for step in steps(job):
                action = action_of(step)
                if action is None or action[0] != "actions/setup-python":
                    continue
                given = (step.get("with") or {}).get("python-version") \
                    if isinstance(step.get("with"), dict) else None
                text = "" if given is None else substitute(str(given), {"matrix": combo})
                versions.append(text.strip())
    return versions


def run_commands(workflow: Mapping[str, Any]) -> list[tuple[str, int, str]]:
    """(job, step index, script) of every ``run:`` step, in run order."""
    out = []
    for name, job in jobs(workflow):
        for i, step in enumerate(steps(job)):
            if isinstance(step.get("run"), str):
                out.append((name, i, step["run"]))
    return out


# --------------------------------------------------------------------------- running


@dataclass
class StepRun:
    name: str
    kind: str
    """'run', 'checkout', 'setup-python' or 'action' (another action, skipped)."""
    status: str
    """'success', 'failure', 'timeout', 'skipped' or 'emulated'."""
    exit_code: int | None = None
    seconds: float = 0.0
    output: str = ""
    continue_on_error: bool = False


@dataclass
class JobRun:
    job: str
    status: str
    """'success' or 'failure' (a step failed, timed out, or the job could not run)."""
    steps: list[StepRun] = field(default_factory=list)
    matrix: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0

    def failed_step(self) -> StepRun | None:
        return next((s for s in self.steps if s.status in ("failure", "timeout")
                     and not s.continue_on_error), None)


RUNNER = r"""
import json, os, shutil, subprocess, sys, time
plan = json.load(open("/job/plan.json"))
work = plan["workspace"]
shutil.copytree("/job/checkout", work)
os.makedirs(plan["env"]["RUNNER_TEMP"], exist_ok=True)
results, failed = [], False
for i, step in enumerate(plan["steps"]):
    if step["kind"] != "run":
        results.append({"status": "emulated" if step["kind"] != "action" else "skipped"})
        continue
    if failed:
        results.append({"status": "skipped"})
        continue
    script = os.path.join(plan["env"]["RUNNER_TEMP"], f"step-{i}.sh")
    with open(script, "w") as f:
        f.write(step["script"])
    cwd = os.path.normpath(os.path.join(work, step["cwd"])) if step["cwd"] else work
    env = dict(os.environ, **plan["env"], **step["env"])
    started = time.monotonic()
    try:
        if not os.path.isdir(cwd):
            raise FileNotFoundError(f"working-directory {step['cwd']} does not exist")
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=plan["step_timeout"])
        out = {"status": "success" if done.returncode == 0 else "failure",
               "exit_code": done.returncode,
               "output": done.stdout.decode("utf-8", "replace")[-plan["max_output"]:]}
    except subprocess.TimeoutExpired as e:
        out = {"status": "timeout", "exit_code": None,
               "output": (e.stdout or b"").decode("utf-8", "replace")[-plan["max_output"]:]}
    except OSError as e:
        out = {"status": "failure", "exit_code": None, "output": str(e)}
    out["seconds"] = round(time.monotonic() - started, 3)
    results.append(out)
    if out["status"] != "success" and not step["continue_on_error"]:
        failed = True
print("@@RESULT@@" + json.dumps(results))
"""


def _step_plan(step: Mapping[str, Any], context: dict[str, Any],
               defaults_cwd: str) -> dict[str, Any]:
    action = action_of(step)
    if action is None:
        kind = "run" if isinstance(step.get("run"), str) else "action"
    elif action[0] == "actions/checkout":
        kind = "checkout"
    elif action[0] == "actions/setup-python":
        kind = "setup-python"
    else:
        kind = "action"
    env = {str(k): substitute(str(v), context) for k, v in (step.get("env") or {}).items()} \
        if isinstance(step.get("env"), dict) else {}
    cwd = step.get("working-directory") or defaults_cwd
    return {"kind": kind, "script": substitute(str(step.get("run", "")), context),
            "cwd": substitute(str(cwd), context) if cwd else "", "env": env,
            "continue_on_error": step.get("continue-on-error") is True,
            "name": str(step.get("name") or step.get("uses") or
                        str(step.get("run", "")).strip().splitlines()[0][:80] or "step")}


def _env(mapping: Any, context: dict[str, Any]) -> dict[str, str]:
    if not isinstance(mapping, dict):
        return {}
    return {str(k): substitute(str(v), context) for k, v in mapping.items()}


def _defaults_cwd(*owners: Mapping[str, Any]) -> str:
    cwd = ""
    for owner in owners:
        defaults = owner.get("defaults")
        run = defaults.get("run") if isinstance(defaults, dict) else None
        if isinstance(run, dict) and run.get("working-directory"):
            cwd = str(run["working-directory"])
    return cwd


def _write_tree(root: Path, files: Mapping[str, bytes]) -> None:
    for name, data in files.items():
        path = (root / name).resolve()
        if root.resolve() not in path.parents:
            raise ValueError(f"{name} is outside the checkout")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def run_workflow(lab: Lab, workflow: Mapping[str, Any], files: Mapping[str, bytes],
                 **limits: Any) -> list[JobRun]:
    """Run every job of *workflow* on the commit *files*; see the module docstring."""
    return run_commits(lab, workflow, {"commit": files}, **limits)["commit"]


def run_commits(lab: Lab, workflow: Mapping[str, Any],
                commits: Mapping[str, Mapping[str, bytes]], *, image: str | None = None,
                step_timeout: float = 120, job_timeout: float = 300, memory_mb: int = 1024,
                cpus: float = 1.0, pids: int = 256) -> dict[str, list[JobRun]]:
    """Run *workflow* on several commits (name -> files) at once: every job of every commit
    in its own container, all started together; the job time limit covers them all."""
    started: list[tuple[str, str, dict[str, Any], list[dict[str, Any]], Any]] = []
    scratch = Path(tempfile.mkdtemp(prefix="academy-workflow-"))
    scratch.chmod(0o755)
    try:
        for number, (commit, files) in enumerate(commits.items()):
            for index, (name, job) in enumerate(jobs(workflow)):
                combo = matrix_combinations(job)[0]
                plan = _job_plan(workflow, job, combo, step_timeout)
                folder = scratch / f"commit-{number}-job-{index}"
                _write_tree(folder / "checkout", files)
                (folder / "plan.json").write_text(json.dumps(plan))
                (folder / "plan.json").chmod(0o644)
                container = lab.container(
                    image or lab.helper_image, ["python3", "-c", RUNNER],
                    network_mode="none", user="65534:65534", read_only=True,
                    tmpfs={"/tmp": "rw,exec,size=512m"},  # noqa: S108
                    cap_drop=["ALL"], security_opt=["no-new-privileges"],
                    mem_limit=f"{memory_mb}m", memswap_limit=f"{memory_mb}m",
                    nano_cpus=int(cpus * 1e9), pids_limit=pids,
                    volumes={str(folder): {"bind": "/job", "mode": "ro"}})
                started.append((commit, name, combo, plan["steps"], container))
        for *_, container in started:
            container.start()
        deadline = time.monotonic() + job_timeout
        out: dict[str, list[JobRun]] = {commit: [] for commit in commits}
        for commit, name, combo, plan_steps, container in started:
            out[commit].append(_collect(name, combo, plan_steps, container, deadline))
        return out
    finally:
        for *_, container in started:
            with contextlib.suppress(Exception):
                container.remove(force=True)
        shutil.rmtree(scratch, ignore_errors=True)


def _job_plan(workflow: Mapping[str, Any], job: Mapping[str, Any], combo: dict[str, Any],
              step_timeout: float) -> dict[str, Any]:
    context: dict[str, Any] = {
        "matrix": combo,
        "github": {"workspace": WORKSPACE, "event_name": "push", "ref": "refs/heads/main",
                   "sha": "0" * 40},
        "runner": {"os": "Linux", "temp": "/tmp/runner/temp"},  # noqa: S108
    }
    env = _env(workflow.get("env"), context)
    context["env"] = env
    env.update(_env(job.get("env"), context))
    plan_steps = [_step_plan(s, context, _defaults_cwd(workflow, job)) for s in steps(job)]
    base_env = {"HOME": "/tmp/runner/home", "CI": "true",  # noqa: S108
                "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": WORKSPACE,
                "RUNNER_TEMP": "/tmp/runner/temp", "RUNNER_OS": "Linux",  # noqa: S108
                "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                "PYTHONDONTWRITEBYTECODE": "1", **env}
    return {"workspace": WORKSPACE, "env": base_env, "steps": plan_steps,
            "step_timeout": step_timeout, "max_output": MAX_OUTPUT}


def _collect(name: str, combo: dict[str, Any], plan_steps: list[dict[str, Any]],
             container: Any, deadline: float) -> JobRun:
    clock = time.monotonic()
    try:
        container.wait(timeout=max(1.0, deadline - time.monotonic()))
        timed_out = False
    except Exception:  # noqa: BLE001 - requests' timeout, or the engine's
        timed_out = True
        with contextlib.suppress(Exception):
            container.kill()
    logs = ""
    with contextlib.suppress(Exception):
        logs = container.logs().decode("utf-8", "replace")
    marker = logs.rfind("@@RESULT@@")
    seconds = round(time.monotonic() - clock, 3)
    if timed_out or marker < 0:
        why = "the job did not finish within its time limit" if timed_out else \
            f"the job's runner stopped early: {logs.strip()[-300:]}"
        return JobRun(name, "failure", matrix=combo, error=why, seconds=seconds)
    results = json.loads(logs[marker + len("@@RESULT@@"):].strip().splitlines()[0])
    run_steps = [StepRun(name=p["name"], kind=p["kind"], status=r["status"],
                         exit_code=r.get("exit_code"), seconds=r.get("seconds", 0.0),
                         output=r.get("output", ""), continue_on_error=p["continue_on_error"])
                 for p, r in zip(plan_steps, results, strict=True)]
    job = JobRun(name, "success", run_steps, combo, seconds=seconds)
    if job.failed_step() is not None:
        job.status = "failure"
    return job


def commit_status(runs: list[JobRun]) -> str:
    """'success' when every job succeeded (GitHub's green check), else 'failure'."""
    return "success" if runs and all(r.status == "success" for r in runs) else "failure"


def describe_failure(runs: list[JobRun]) -> str:
    """One line naming the first failing job and step, with the last line of its output."""
    for run in runs:
        if run.status == "success":
            continue
        if run.error:
            return f"job {run.job}: {run.error}"
        step = run.failed_step()
        if step is None:
            return f"job {run.job} failed"
        lines = [line.strip() for line in step.output.strip().splitlines() if line.strip()]
        errors = [line for line in lines if "error" in line.lower()]
        last = (errors or lines or [""])[-1]
        what = "timed out" if step.status == "timeout" else f"exited with {step.exit_code}"
        return f"job {run.job}, step '{step.name}' {what}" + (f": {last[:200]}" if last else "")
    return "no job ran" if not runs else ""
