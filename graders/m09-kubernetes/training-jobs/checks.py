"""Checks for training-jobs: a training Job and a retraining CronJob, judged as data and run.

The inspection reads every YAML file under ``data/k8s/``, parses and validates the objects,
and draws from the grading seed:

* failure histories (a transient failure, a broken run failing every time, a hung run, a
  normal run of random lengths) that the Job controller's retry and deadline rules are
  simulated on (job-policy);
* instants of a year around Monday 03:00 UTC and at random, on which the schedule must
  fire exactly when the stated cadence does (schedule);
* the training data baked into the grader's trainer image, so the metrics the container
  must print differ on every run (job-runs): the lab builds the image, then runs the
  container of the Job and of the CronJob's job template as a pod would (command/args with
  the image's CMD, environment, memory limit, user, emptyDir volumes as tmpfs) and
  compares their exit codes and metrics with the reference.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from academy.grading.checks import (
    Answer,
    Call,
    EvidenceCheck,
    Inspection,
    Suite,
    Verdict,
    public_checks,
)
from academy.lab import kubernetes as k8s

from . import reference as ref
from .public import PUBLIC_CHECKS

RUN_TIMEOUT = 40.0
MAX_MEMORY_MB = 1024
EXIT_CODES = {2: "the trainer rejected its arguments", 3: "an environment variable the "
              "trainer needs is missing", 4: "the trainer could not write to its output "
              "folder (the root filesystem is read-only)", 5: "the trainer has no such data "
              "version", 127: "the command was not found"}
WORKLOADS = (("Job", ref.JOB_DATA_VERSION), ("CronJob", ref.CRON_DATA_VERSION))


def _objects(evidence: dict[str, Any]) -> k8s.Manifests:
    m = evidence.get("manifests") or {}
    return k8s.Manifests(list(m.get("objects", [])), list(m.get("sources", [])),
                         list(m.get("problems", [])))


def _workload(manifests: k8s.Manifests, kind: str) -> tuple[dict | None, dict | None]:
    """The first object of *kind* and its trainer container (the one running the trainer's
    image, else the first)."""
    items = manifests.of_kind(kind)
    if not items:
        return None, None
    found = k8s.containers(items[0])
    for container in found:
        if ref.IMAGE_REPOSITORY in str(container.get("image", "")):
            return items[0], container
    return items[0], (found[0] if found else None)


def _job_spec(workload: dict) -> dict:
    spec = workload.get("spec") if isinstance(workload.get("spec"), dict) else {}
    if workload.get("kind") == "CronJob":
        template = spec.get("jobTemplate") if isinstance(spec.get("jobTemplate"), dict) else {}
        spec = template.get("spec") if isinstance(template.get("spec"), dict) else {}
    return spec


def _configs(manifests: k8s.Manifests) -> tuple[dict[str, dict], dict[str, dict]]:
    return ({k8s.object_name(o): k8s.configmap_values(o) for o in manifests.of_kind("ConfigMap")},
            {k8s.object_name(o): k8s.secret_values(o) for o in manifests.of_kind("Secret")})


def _user(workload: dict, container: dict) -> str | None:
    for context in (container.get("securityContext"), k8s.pod_spec(workload).get("securityContext")):
        if isinstance(context, dict) and isinstance(context.get("runAsUser"), int):
            group = context.get("runAsGroup")
            user = str(context["runAsUser"])
            return f"{user}:{group}" if isinstance(group, int) else user
    return None


def _listing(items: Sequence[str], limit: int = 3) -> str:
    more = f" (and {len(items) - limit} more)" if len(items) > limit else ""
    return "; ".join(items[:limit]) + more


def _missing(kind: str) -> Verdict:
    return Verdict(False, f"there is no {kind} with a container")


# --- seeded inputs ------------------------------------------------------------------------

def failure_histories(rng: np.random.Generator) -> list[dict[str, Any]]:
    """Attempts as [seconds, succeeded]; a hung attempt lasts forever (seconds None)."""
    low, high = (m * 60 for m in ref.RUN_MINUTES)
    out = []
    for _ in range(3):
        out.append({"case": "normal", "attempts": [[float(rng.uniform(low, high)), True]]})
        out.append({"case": "transient", "attempts": [[float(rng.uniform(30, 600)), False],
                                                      [float(rng.uniform(low, high)), True]]})
        out.append({"case": "broken", "attempts": [[float(rng.uniform(20, 300)), False]
                                                   for _ in range(12)]})
        out.append({"case": "hung", "attempts": [[float(rng.uniform(0, 300)), False],
                                                 [None, False]]
                    if rng.random() < 0.5 else [[None, False]]})
    return out


def schedule_instants(rng: np.random.Generator) -> list[str]:
    """Instants (UTC, ISO text) to compare the schedule and the cadence on."""
    start = datetime.datetime(2025, 1, 1) + datetime.timedelta(days=int(rng.integers(0, 365)))
    monday = start + datetime.timedelta(days=(7 - start.weekday()) % 7)
    moments = []
    for week in range(53):
        at = monday + datetime.timedelta(weeks=week, hours=3)
        moments.append(at)
        for shift in (-60, -1, 1, 60, 12 * 60, 24 * 60, -24 * 60):
            moments.append(at + datetime.timedelta(minutes=shift))
    for minutes in rng.integers(0, 366 * 24 * 60, size=400):
        moments.append(start + datetime.timedelta(minutes=int(minutes)))
    return [m.isoformat() for m in moments]


def simulate(backoff: int, deadline: float, attempts: list) -> tuple[str, float, int]:
    """How the Job controller ends a history: (outcome, seconds, pods started)."""
    clock = 0.0
    for number, (seconds, ok) in enumerate(attempts, 1):
        if seconds is None or clock + seconds > deadline:
            return "deadline", deadline, number
        clock += seconds
        if ok:
            return "succeeded", clock, number
        failures = number  # every earlier attempt failed too
        if failures > backoff:
            return "failed", clock, number
        clock += ref.backoff_delay(failures)
        if clock > deadline:
            return "deadline", deadline, number
    return "failed", clock, len(attempts)


# --- the inspection --------------------------------------------------------------------------

def run_workloads(lab: Any, manifests: k8s.Manifests, data: dict[str, str]) -> dict[str, Any]:
    configmaps, secrets = _configs(manifests)
    plans = {}
    for kind, _ in WORKLOADS:
        workload, container = _workload(manifests, kind)
        if workload is None or container is None:
            plans[kind] = {"reason": f"there is no {kind} with a container"}
            continue
        env = k8s.resolve_env(container, configmaps, secrets)
        if env.problems:
            plans[kind] = {"reason": "the container would not start: " + _listing(env.problems)}
            continue
        limits = (container.get("resources") or {}).get("limits") or {}
        memory = k8s.parse_quantity(limits.get("memory")) if isinstance(limits, dict) else None
        plans[kind] = {
            "argv": k8s.container_argv(container, ref.IMAGE_ENTRYPOINT, ref.IMAGE_CMD, env.values),
            "env": env.values, "user": _user(workload, container),
            "memory_mb": 512 if memory is None else
            max(8, min(MAX_MEMORY_MB, math.ceil(memory / 2**20))),
            "scratch": k8s.empty_dir_mounts(workload, container)}
    if all("reason" in p for p in plans.values()):
        return plans
    image = k8s.build_owned_image(lab, ref.image_context(lab.standin, data), "churn-trainer")
    out = {}
    for kind, plan in plans.items():
        if "reason" in plan:
            out[kind] = plan
            continue
        result = k8s.run_to_completion(lab, image, plan["argv"], env=plan["env"],
                                       user=plan["user"], memory_mb=plan["memory_mb"],
                                       scratch=plan["scratch"], timeout=RUN_TIMEOUT)
        metrics = None
        for line in str(result.get("logs", "")).splitlines():
            if line.startswith("METRICS "):
                try:
                    metrics = json.loads(line[len("METRICS "):])
                except ValueError:
                    metrics = None
        tail = [ln for ln in str(result.get("logs", "")).splitlines() if ln.strip()][-1:]
        out[kind] = {**{k: v for k, v in result.items() if k != "logs"}, "metrics": metrics,
                     "last_line": tail[0][:200] if tail else ""}
    return out


class JobInspection(Inspection):
    needs_lab = True

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:read_files", ([ref.MANIFEST_DIR],))]

    def inspect(self, calls: Sequence[Call], answers: Sequence[Answer], lab: Any,
                rng: np.random.Generator) -> dict[str, Any]:
        manifests = k8s.manifests_from_answer(answers[0], ref.MANIFEST_DIR)
        schema = [p for obj in manifests.objects for p in k8s.schema_problems(obj)]
        data = ref.training_data(rng)
        expected = {kind: ref.expected_metrics(data, version) for kind, version in WORKLOADS}
        if manifests.of_kind("Job") or manifests.of_kind("CronJob"):
            runs = run_workloads(lab, manifests, data)
        else:
            runs = {kind: {"reason": f"there is no {kind}"} for kind, _ in WORKLOADS}
        advice = []
        job, _ = _workload(manifests, "Job")
        if job is not None and "ttlSecondsAfterFinished" not in _job_spec(job):
            advice.append("Set ttlSecondsAfterFinished on the Job so that finished Jobs and "
                          "their pods are cleaned up instead of piling up in the namespace.")
        return {"manifests": manifests.plain(), "schema": schema,
                "histories": failure_histories(rng), "instants": schedule_instants(rng),
                "runs": runs, "expected": expected, "advice": advice}


# --- the judges -----------------------------------------------------------------------------

class SchemaValid(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        manifests = _objects(evidence)
        problems = manifests.problems + list(evidence.get("schema", []))
        if not manifests.objects and not problems:
            problems = ["there are no Kubernetes objects"]
        if problems:
            return Verdict(False, "not every object is valid Kubernetes "
                                  f"{k8s.KUBERNETES_VERSION[:4]}: " + _listing(problems))
        return Verdict(True, self.title)


class JobPolicy(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        manifests = _objects(evidence)
        problems: list[str] = []
        for kind, _ in WORKLOADS:
            workload, container = _workload(manifests, kind)
            if workload is None or container is None:
                return _missing(kind)
            label = "the Job" if kind == "Job" else "the CronJob's jobs"
            restart = k8s.pod_spec(workload).get("restartPolicy")
            if restart not in ("Never", "OnFailure"):
                problems.append(f"{label}: a Job's pods need restartPolicy Never or OnFailure")
            spec = _job_spec(workload)
            backoff, deadline = spec.get("backoffLimit"), spec.get("activeDeadlineSeconds")
            if not isinstance(backoff, int) or isinstance(backoff, bool) or backoff < 0:
                problems.append(f"{label}: backoffLimit is not set (the default retries 6 times)")
                continue
            if not isinstance(deadline, int) or isinstance(deadline, bool) or deadline <= 0:
                problems.append(f"{label}: activeDeadlineSeconds is not set, so a hung run "
                                "holds its resources forever")
                continue
            wrong = set()
            for history in evidence["histories"]:
                outcome, seconds, pods = simulate(backoff, deadline, history["attempts"])
                case = history["case"]
                if case in ("normal", "transient") and outcome != "succeeded":
                    wrong.add("a run that " + ("fails once and then succeeds" if case == "transient"
                                               else "takes a normal time") + " does not finish")
                if case == "broken" and pods > ref.MAX_RETRIES + 1:
                    wrong.add("a run that always fails is retried more often than the policy "
                              "allows")
                if case == "hung" and seconds > ref.MAX_SECONDS:
                    wrong.add("a hung run is not stopped within the policy's time")
            problems += [f"{label}: {w}" for w in sorted(wrong)]
        if problems:
            return Verdict(False, _listing(problems, 4) + " (simulated on failure histories)")
        return Verdict(True, self.title)


class ResourcesSet(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        manifests = _objects(evidence)
        problems = []
        for kind, _ in WORKLOADS:
            workload, container = _workload(manifests, kind)
            if workload is None or container is None:
                return _missing(kind)
            for item in k8s.containers(workload):
                resources = item.get("resources") if isinstance(item.get("resources"), dict) else {}
                values = {}
                for section in ("requests", "limits"):
                    given = resources.get(section) if isinstance(resources.get(section), dict) else {}
                    for resource in ("cpu", "memory"):
                        values[section, resource] = k8s.parse_quantity(given.get(resource))
                        if values[section, resource] is None:
                            problems.append(f"{kind} container {item.get('name')}: "
                                            f"{section}.{resource} is missing or not a quantity")
                for resource in ("cpu", "memory"):
                    low, high = values["requests", resource], values["limits", resource]
                    if low is not None and high is not None and high < low:
                        problems.append(f"{kind} container {item.get('name')}: the {resource} "
                                        "limit is below the request")
        if problems:
            return Verdict(False, _listing(problems))
        return Verdict(True, self.title)


class ScheduleMatches(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        cron = next(iter(_objects(evidence).of_kind("CronJob")), None)
        if cron is None:
            return Verdict(False, "there is no CronJob")
        spec = cron.get("spec") if isinstance(cron.get("spec"), dict) else {}
        schedule = spec.get("schedule")
        if not isinstance(schedule, str):
            return Verdict(False, "the CronJob has no schedule")
        try:
            fields = k8s.parse_cron(schedule)
        except k8s.CronError as exc:
            return Verdict(False, f"the schedule is not a valid cron expression: {exc}")
        zone = spec.get("timeZone")
        if zone is not None and zone not in ref.UTC_ZONES:
            return Verdict(False, "the CronJob's timeZone is not UTC, so its runs happen at "
                                  "another hour than the cadence")
        if spec.get("suspend") is True:
            return Verdict(False, "the CronJob is suspended: it never runs")
        extra = missed = 0
        for text in evidence["instants"]:
            moment = datetime.datetime.fromisoformat(text)
            fires, wanted = k8s.cron_fires(fields, moment), ref.cadence_fires(moment)
            extra += fires and not wanted
            missed += wanted and not fires
        if extra or missed:
            parts = []
            if missed:
                parts.append(f"it misses {missed} of the Monday 03:00 UTC runs")
            if extra:
                parts.append(f"it fires at {extra} moments that are not Monday 03:00 UTC")
            return Verdict(False, f"over a year of checked moments, {' and '.join(parts)} "
                                  "(cron fields: minute hour day-of-month month day-of-week)")
        return Verdict(True, self.title)


class CronPolicy(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        cron = next(iter(_objects(evidence).of_kind("CronJob")), None)
        if cron is None:
            return Verdict(False, "there is no CronJob")
        spec = cron.get("spec") if isinstance(cron.get("spec"), dict) else {}
        problems = []
        if spec.get("concurrencyPolicy") != "Forbid":
            problems.append("a slow retraining run may overlap the next one: set "
                            "concurrencyPolicy to forbid that")
        for key in ("successfulJobsHistoryLimit", "failedJobsHistoryLimit"):
            value = spec.get(key)
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(f"{key} is not set")
            elif not 0 <= value <= 10 or (key.startswith("failed") and value < 1):
                problems.append(f"{key} is outside the range the notebook asks for")
        if problems:
            return Verdict(False, _listing(problems))
        return Verdict(True, self.title)


class EntrypointRuns(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        manifests = _objects(evidence)
        configmaps, secrets = _configs(manifests)
        problems = []
        for kind, version in WORKLOADS:
            workload, container = _workload(manifests, kind)
            if workload is None or container is None:
                return _missing(kind)
            env = k8s.resolve_env(container, configmaps, secrets).values
            argv = k8s.container_argv(container, ref.IMAGE_ENTRYPOINT, ref.IMAGE_CMD, env)
            program = argv[0].rsplit("/", 1)[-1] if argv else ""
            if not (program in ("python", "python3", "python3.11") and argv[1:3] == ["-m",
                                                                             ref.ENTRYPOINT_MODULE]):
                problems.append(f"the {kind}'s container does not run the training entrypoint "
                                "the notebook names")
                continue
            if k8s.option_value(argv, "--data-version") != version:
                problems.append(f"the {kind} trains on another data version than the notebook "
                                "asks for")
            if k8s.option_value(argv, "--output-dir") != ref.OUTPUT_DIR:
                problems.append(f"the {kind} writes its outputs elsewhere than "
                                f"{ref.OUTPUT_DIR}")
        if problems:
            return Verdict(False, _listing(problems))
        return Verdict(True, self.title)


class JobRuns(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        problems = []
        for kind, _ in WORKLOADS:
            run = evidence["runs"].get(kind) or {}
            name = "the Job" if kind == "Job" else "the CronJob's job"
            if run.get("reason") or run.get("error"):
                problems.append(f"{name}: {run.get('reason') or run.get('error')}")
                continue
            if run.get("oom_killed"):
                problems.append(f"{name}: the container was killed for exceeding its memory "
                                "limit")
                continue
            if run.get("timed_out"):
                problems.append(f"{name}: the container did not finish in time")
                continue
            code = run.get("exit_code")
            if code != 0:
                why = EXIT_CODES.get(code, "it failed")
                last = f"; its last output: {run.get('last_line')!r}" if run.get("last_line") else ""
                problems.append(f"{name}: the container exited with code {code}: {why}{last}")
                continue
            if run.get("metrics") != evidence["expected"][kind]:
                problems.append(f"{name}: the container exited 0 but did not report the metrics "
                                "of a real training run on the grader's data")
        if problems:
            return Verdict(False, _listing(problems))
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m09-kubernetes/training-jobs",
    inspection=JobInspection(),
    checks=[
        *public_checks(PUBLIC_CHECKS),
        SchemaValid(
            "schema-valid", "the Job and CronJob are valid against the Kubernetes 1.31 schemas "
            "(strict)", 1.5, hints=[
                "Validate before you apply (`kubectl apply --dry-run=server`, kubeconform): the "
                "message names the object and the path of the field that is wrong.",
                "Strict validation rejects unknown fields: check the spelling of every key "
                "against `kubectl explain job.spec` and `kubectl explain cronjob.spec`.",
            ]),
        JobPolicy(
            "job-policy", "retries and a deadline bound every training run", 1.5, hints=[
                "Think about three bad days: a run that fails once, a run that always fails, "
                "and a run that hangs. What stops each of them, and after how long?",
                "In the Job spec (and the CronJob's jobTemplate.spec): restartPolicy Never or "
                "OnFailure in the pod template, backoffLimit at most 3 (and at least 1), "
                "activeDeadlineSeconds at most 7200 but long enough for a retry.",
            ]),
        ResourcesSet(
            "resources", "cpu and memory requests and limits are set, limits >= requests", 1,
            hints=[
                "Both pod templates (the Job's and the CronJob's job template) need "
                "resources.requests and resources.limits.",
                "Set cpu and memory in both requests and limits, with each limit at least its "
                "request.",
            ]),
        ScheduleMatches(
            "schedule", "the CronJob runs every Monday at 03:00 UTC", 1.5, hints=[
                "A cron schedule has five fields: minute, hour, day of month, month, day of "
                "week. Which field says Monday, and how is Monday numbered?",
                "Minute 0, hour 3, any day of month, any month, day of week 1 (Sunday is 0 and "
                "7); leave timeZone out or set it to Etc/UTC.",
            ]),
        CronPolicy(
            "cron-policy", "runs never overlap and the history is bounded", 1, hints=[
                "What happens when Monday's retraining is still running when the next one is "
                "due? And how many finished Jobs does Kubernetes keep?",
                "concurrencyPolicy: Forbid, and set successfulJobsHistoryLimit and "
                "failedJobsHistoryLimit (small numbers; keep at least one failed Job to debug).",
            ]),
        EntrypointRuns(
            "entrypoint", "both workloads run the training entrypoint with the stated arguments",
            1, hints=[
                "Compare the container's command and args with the trainer's usage in the "
                "notebook, for the Job and for the CronJob.",
                "command: [python, -m, trainer.train]; args: --data-version (2024-06 for the "
                "Job, latest for the CronJob) and --output-dir /outputs.",
            ]),
        JobRuns(
            "job-runs", "the containers run to completion and report their metrics", 1.5,
            hints=[
                "The grader runs each pod's container as Kubernetes would, with a read-only "
                "root filesystem: look at the exit code in the message and at the trainer's "
                "exit codes in the notebook.",
                "Give both containers the environment variables the trainer needs, and mount "
                "an emptyDir volume at /outputs so it can write its metrics.",
            ]),
    ],
)
