"""Checks for deploy-model-service: Kubernetes manifests judged as data, then run.

The inspection reads every YAML file under ``data/k8s/`` from the sandbox, parses the
objects and validates them against the official schemas, then *rotates* the learner's
configuration: every value of their ConfigMaps and Secrets is replaced by a fresh random
value drawn from the grading seed (as an operator rotating a token would). Checks that
follow configuration use the rotated values, so a value copied into the Deployment as a
literal stays behind and is caught. Finally it builds the grader's own model-server image in
the lab and starts it as the pod would: the container's command/args (with the image's
entrypoint and ``$(VAR)`` expansion), the environment resolved from the rotated objects,
the memory limit and run-as user, then hits the learner's readiness and liveness probes
from outside and asks the server which configuration it loaded.

Seeded per grading run: the rotated ConfigMap and Secret values (config-and-secret,
pod-runs) and the load scenarios the autoscaling policy is simulated on (hpa).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import time
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

READY_TIMEOUT = 30.0
"""Seconds the pod gets to answer HTTP on its readiness probe's port."""
MAX_MEMORY_MB = 1024
"""The learner's memory limit is applied up to this much."""


# --- finding the parts ----------------------------------------------------------------------

def _objects(evidence: dict[str, Any]) -> k8s.Manifests:
    m = evidence.get("manifests") or {}
    return k8s.Manifests(list(m.get("objects", [])), list(m.get("sources", [])),
                         list(m.get("problems", [])))


def _server(manifests: k8s.Manifests) -> tuple[dict | None, dict | None]:
    """The Deployment running the model server and its container (the first one whose image
    names the model server, else the first container of the first Deployment)."""
    deployments = manifests.of_kind("Deployment")
    for deployment in deployments:
        for container in k8s.containers(deployment):
            if ref.IMAGE_REPOSITORY in str(container.get("image", "")):
                return deployment, container
    for deployment in deployments:
        found = k8s.containers(deployment)
        if found:
            return deployment, found[0]
    return (deployments[0] if deployments else None), None


def _configs(manifests: k8s.Manifests) -> tuple[dict[str, dict], dict[str, dict]]:
    configmaps = {k8s.object_name(o): k8s.configmap_values(o) for o in manifests.of_kind("ConfigMap")}
    secrets = {k8s.object_name(o): k8s.secret_values(o) for o in manifests.of_kind("Secret")}
    return configmaps, secrets


def _security_user(deployment: dict, container: dict) -> str | None:
    for context in (container.get("securityContext"), k8s.pod_spec(deployment).get("securityContext")):
        if isinstance(context, dict) and isinstance(context.get("runAsUser"), int):
            user = str(context["runAsUser"])
            group = context.get("runAsGroup")
            return f"{user}:{group}" if isinstance(group, int) else user
    return None


def _probe(container: dict, kind: str) -> tuple[str | None, Any]:
    probe = container.get(kind)
    get = probe.get("httpGet") if isinstance(probe, dict) else None
    if not isinstance(get, dict):
        return None, None
    path = get.get("path")
    return (path if isinstance(path, str) else "/"), get.get("port")


def _serving_port(container: dict, env: dict[str, str]) -> int | None:
    argv = k8s.container_argv(container, ref.IMAGE_ENTRYPOINT, ref.IMAGE_CMD, env)
    value = k8s.option_value(argv, "--port")
    return int(value) if value is not None and value.isdigit() else None


# --- the inspection -------------------------------------------------------------------------

def _rotated(value: str, rng: np.random.Generator, secret: bool) -> str:
    token = "".join(f"{b:02x}" for b in rng.integers(0, 256, size=12))
    if secret:
        return f"tok-{token}"
    try:
        float(value)
    except ValueError:
        return f"{value}-{token[:6]}" if value else token[:8]
    return f"{rng.uniform(0.2, 0.8):.3f}"


def rotate(manifests: k8s.Manifests, rng: np.random.Generator) -> dict[str, Any]:
    """Fresh values for every ConfigMap and Secret key, and which rotated values the
    container must end up with (those of the keys holding the notebook's values)."""
    configmaps, secrets = _configs(manifests)
    new_maps = {name: {k: _rotated(v, rng, False) for k, v in sorted(data.items())}
                for name, data in sorted(configmaps.items())}
    new_secrets = {name: {k: _rotated(v, rng, True) for k, v in sorted(data.items())}
                   for name, data in sorted(secrets.items())}
    expected: dict[str, list[str]] = {}
    for var in ref.CONFIG_FROM_CONFIGMAP:
        wanted = ref.CONFIG[var]
        expected[var] = [new_maps[name][key] for name, data in configmaps.items()
                         for key, value in data.items() if _same_value(value, wanted)]
    expected[ref.SECRET_VARIABLE] = [new_secrets[name][key] for name, data in secrets.items()
                                     for key, value in data.items()
                                     if value.strip() == ref.SECRET_VALUE]
    return {"configmaps": new_maps, "secrets": new_secrets, "expected": expected}


def _same_value(value: str, wanted: str) -> bool:
    if value.strip() == wanted:
        return True
    try:
        return math.isclose(float(value), float(wanted))
    except ValueError:
        return False


def load_scenarios(rng: np.random.Generator) -> list[list[float]]:
    """(current replicas, average CPU utilisation in % of the request) pairs: the edges of
    the policy and random loads in between."""
    fixed = [[2, 5.0], [4, 3.0], [3, 70.0], [6, 400.0], [9, 180.0]]
    randoms = [[int(rng.integers(2, 11)), float(np.round(rng.uniform(10, 260), 1))]
               for _ in range(14)]
    return fixed + randoms


def run_pod(lab: Any, manifests: k8s.Manifests, rotation: dict[str, Any]) -> dict[str, Any]:
    """Start the grader's model server as the learner's pod template says and probe it."""
    deployment, container = _server(manifests)
    if deployment is None or container is None:
        return {"reason": "there is no Deployment with a container to run"}
    env = k8s.resolve_env(container, rotation["configmaps"], rotation["secrets"])
    if env.problems:
        return {"reason": "the container would not start: " + "; ".join(env.problems[:3])}
    ready_path, ready_port = _probe(container, "readinessProbe")
    live_path, live_port = _probe(container, "livenessProbe")
    if ready_path is None or live_path is None:
        return {"reason": "the container needs an HTTP readiness probe and an HTTP liveness "
                          "probe (httpGet) for the grader to hit"}
    ready_number = k8s.resolve_port(ready_port, container)
    live_number = k8s.resolve_port(live_port, container)
    if ready_number is None or live_number is None:
        return {"reason": "a probe's port is neither a number nor the name of a port the "
                          "container declares"}
    argv = k8s.container_argv(container, ref.IMAGE_ENTRYPOINT, ref.IMAGE_CMD, env.values)
    limits = (container.get("resources") or {}).get("limits") or {}
    memory = k8s.parse_quantity(limits.get("memory")) if isinstance(limits, dict) else None
    memory_mb = 512 if memory is None else max(8, min(MAX_MEMORY_MB, math.ceil(memory / 2**20)))
    import docker.errors

    out: dict[str, Any] = {"memory_mb": memory_mb}
    image = k8s.build_owned_image(
        lab, ref.image_context(lab.standin, getattr(lab, "service_base", None)), "model-server")
    try:
        with lab.serve(image, port=ready_number, command=argv, env=env.values,
                       user=_security_user(deployment, container), memory_mb=memory_mb,
                       ready_path=ready_path, ready_timeout=READY_TIMEOUT) as service:
            if not service.ready:
                out["reason"] = _why_not_serving(service, ready_number)
                return out
            status = None
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                status = service.request("GET", ready_path).status
                if status == 200:
                    break
                time.sleep(0.5)
            out["readiness"] = {"path": ready_path, "port": ready_number, "status": status}
            service.port = live_number
            live = service.request("GET", live_path)
            out["liveness"] = {"path": live_path, "port": live_number, "status": live.status}
            service.port = _serving_port(container, env.values) or ready_number
            about = service.request("GET", ref.ABOUT_PATH)
            out["about"] = about.json() if about.status == 200 else None
            out["running"] = service.running()
    except docker.errors.APIError as exc:
        detail = str(getattr(exc, "explanation", "") or exc)
        out["reason"] = f"the container could not start: {detail[:240]}"
    return out


def _why_not_serving(service: Any, port: int) -> str:
    with contextlib.suppress(Exception):
        service.container.reload()
    state = service.container.attrs.get("State", {}) if service.container.attrs else {}
    logs = [line for line in service.logs().strip().splitlines() if line.strip()]
    last = f" (its last output: {logs[-1][:200]!r})" if logs else ""
    if state.get("OOMKilled"):
        return "the container was killed for using more memory than its limit allows"
    if getattr(service, "problem", None) and not state.get("StartedAt", "").strip("0-:TZ."):
        return str(service.problem)
    if not state.get("Running", False):
        return f"the container exited with code {state.get('ExitCode')}{last}"
    return (f"nothing answered HTTP on port {port} (the readiness probe's port) within "
            f"{READY_TIMEOUT:.0f} s{last}")


class ManifestInspection(Inspection):
    """Reads data/k8s/, validates, rotates the configuration and runs the pod."""

    needs_lab = True

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:read_files", ([ref.MANIFEST_DIR],))]

    def inspect(self, calls: Sequence[Call], answers: Sequence[Answer], lab: Any,
                rng: np.random.Generator) -> dict[str, Any]:
        manifests = k8s.manifests_from_answer(answers[0], ref.MANIFEST_DIR)
        schema = [p for obj in manifests.objects for p in k8s.schema_problems(obj)]
        rotation = rotate(manifests, rng)
        scenarios = load_scenarios(rng)
        if manifests.of_kind("Deployment"):
            run = run_pod(lab, manifests, rotation)
        else:
            run = {"reason": "there is no Deployment to run"}
        advice = []
        deployment, _ = _server(manifests)
        if deployment is not None and manifests.of_kind("HorizontalPodAutoscaler") and \
                isinstance(deployment.get("spec"), dict) and "replicas" in deployment["spec"]:
            advice.append("The HorizontalPodAutoscaler owns the replica count: leaving "
                          "spec.replicas out of the Deployment keeps `kubectl apply` from "
                          "resetting it on every deploy.")
        return {"manifests": manifests.plain(), "schema": schema, "rotation": rotation,
                "scenarios": scenarios, "run": run, "advice": advice}


# --- the judges -----------------------------------------------------------------------------

def _listing(items: Sequence[str], limit: int = 3) -> str:
    more = f" (and {len(items) - limit} more)" if len(items) > limit else ""
    return "; ".join(items[:limit]) + more


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


class ServiceRoutes(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        manifests = _objects(evidence)
        deployment, container = _server(manifests)
        if deployment is None or container is None:
            return Verdict(False, "there is no Deployment with a container")
        labels = k8s.template_labels(deployment)
        if not k8s.selects((deployment.get("spec") or {}).get("selector"), labels):
            return Verdict(False, "the Deployment's selector does not match the labels of its "
                                  "own pod template")
        services = manifests.of_kind("Service")
        if not services:
            return Verdict(False, "there is no Service")
        routing = [s for s in services if k8s.selects((s.get("spec") or {}).get("selector"), labels)]
        if not routing:
            return Verdict(False, "no Service's selector matches the labels of the model "
                                  "server's pods, so the Service has no endpoints")
        for service in routing:
            for port in (service.get("spec") or {}).get("ports") or []:
                if not isinstance(port, dict) or port.get("port") != ref.SERVICE_PORT:
                    continue
                target = port.get("targetPort", port.get("port"))
                number = k8s.resolve_port(target, container)
                declared = set(k8s.container_ports(container).values())
                if number is not None and number in declared:
                    return Verdict(True, self.title)
                return Verdict(False, f"the Service's port {ref.SERVICE_PORT} sends traffic to a "
                                      "targetPort that is not a port the container declares")
        return Verdict(False, f"the Service that selects the pods does not expose port "
                              f"{ref.SERVICE_PORT}")


class ProbesServed(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        manifests = _objects(evidence)
        _, container = _server(manifests)
        if container is None:
            return Verdict(False, "there is no Deployment with a container")
        serving = _serving_port(container, k8s.resolve_env(container, *_configs(manifests)).values)
        if serving is None:
            return Verdict(False, "the container's arguments do not tell the server which port "
                                  "to serve on (--port)")
        problems = []
        for kind, path in (("readinessProbe", ref.READINESS_PATH),
                           ("livenessProbe", ref.LIVENESS_PATH)):
            got, port = _probe(container, kind)
            if got is None:
                problems.append(f"there is no HTTP {kind}")
                continue
            if got != path:
                problems.append(f"the {kind} asks a path the server does not answer for that "
                                "purpose")
            if k8s.resolve_port(port, container) != serving:
                problems.append(f"the {kind} knocks on a port the server does not listen on")
        if problems:
            return Verdict(False, _listing(problems))
        return Verdict(True, self.title)


class ResourcesSet(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        deployment, container = _server(_objects(evidence))
        if deployment is None or container is None:
            return Verdict(False, "there is no Deployment with a container")
        problems = []
        for item in k8s.containers(deployment):
            resources = item.get("resources") if isinstance(item.get("resources"), dict) else {}
            values: dict[tuple[str, str], float | None] = {}
            for section in ("requests", "limits"):
                given = resources.get(section) if isinstance(resources.get(section), dict) else {}
                for resource in ("cpu", "memory"):
                    values[section, resource] = k8s.parse_quantity(given.get(resource))
                    if values[section, resource] is None:
                        problems.append(f"container {item.get('name')}: {section}.{resource} is "
                                        "missing or not a quantity")
            for resource in ("cpu", "memory"):
                low, high = values["requests", resource], values["limits", resource]
                if low is not None and high is not None and high < low:
                    problems.append(f"container {item.get('name')}: the {resource} limit is "
                                    "below the request")
            memory = values["limits", "memory"]
            if item is container and memory is not None and memory < ref.MIN_MEMORY_LIMIT:
                problems.append("the model server's memory limit is below what the notebook "
                                "says it needs")
        if problems:
            return Verdict(False, _listing(problems))
        return Verdict(True, self.title)


def _image_problem(image: Any, server: bool) -> str | None:
    if not isinstance(image, str) or not image.strip():
        return "a container has no image"
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    tag = last.split(":", 1)[1] if ":" in last else None
    repository = name[: len(name) - len(tag) - 1] if tag is not None else name
    if tag == "latest":
        return f"{image} uses the moving tag latest"
    if tag is None and not digest:
        return f"{image} has no tag, which means latest"
    if digest and not (digest.startswith("sha256:") and len(digest) == 71):
        return f"{image} has a malformed digest"
    if server:
        if repository.split("/", 1)[-1] != ref.IMAGE_REPOSITORY and repository != ref.IMAGE_REPOSITORY:
            return f"{image} is not the model server's image"
        if tag is not None and tag != ref.IMAGE_TAG:
            return f"{image} is not the version the notebook asks to deploy"
    return None


class ImagePinned(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        deployment, container = _server(_objects(evidence))
        if deployment is None or container is None:
            return Verdict(False, "there is no Deployment with a container")
        items = k8s.containers(deployment) + [c for c in k8s.pod_spec(deployment).get(
            "initContainers") or [] if isinstance(c, dict)]
        problems = [p for c in items if (p := _image_problem(c.get("image"), c is container))]
        if problems:
            return Verdict(False, _listing(problems))
        return Verdict(True, self.title)


class ConfigAndSecret(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        manifests = _objects(evidence)
        _, container = _server(manifests)
        if container is None:
            return Verdict(False, "there is no Deployment with a container")
        rotation = evidence["rotation"]
        expected = rotation["expected"]
        if not manifests.of_kind("ConfigMap"):
            return Verdict(False, "there is no ConfigMap")
        if not manifests.of_kind("Secret"):
            return Verdict(False, "there is no Secret")
        configmaps, _ = _configs(manifests)
        if any(v.strip() == ref.SECRET_VALUE for data in configmaps.values() for v in data.values()):
            return Verdict(False, "the API token is in a ConfigMap: ConfigMaps are readable by "
                                  "anyone who may read the namespace's configuration")
        env = k8s.resolve_env(container, rotation["configmaps"], rotation["secrets"])
        if env.problems:
            return Verdict(False, "the container would not start: " + _listing(env.problems))
        problems = []
        for var in ref.CONFIG_FROM_CONFIGMAP:
            if not expected[var]:
                problems.append(f"no ConfigMap holds the value of {var}")
            elif not env.sources.get(var, "").startswith("configmap:"):
                problems.append(f"{var} does not come from the ConfigMap")
            elif env.values.get(var) not in expected[var]:
                problems.append(f"{var} comes from a ConfigMap key that does not hold its value")
        var = ref.SECRET_VARIABLE
        if not expected[var]:
            problems.append(f"no Secret holds the value of {var}")
        elif not env.sources.get(var, "").startswith("secret:"):
            problems.append(f"{var} does not come from the Secret")
        elif env.values.get(var) not in expected[var]:
            problems.append(f"{var} comes from a Secret key that does not hold the token")
        if problems:
            return Verdict(False, _listing(problems) + " (the grader changed the values in your "
                                  "ConfigMap and Secret and read the container's environment)")
        return Verdict(True, self.title)


def _hpa_target(hpa: dict, container: dict) -> tuple[float | None, str | None]:
    """The CPU target as % of the request, or why it cannot be read."""
    metrics = (hpa.get("spec") or {}).get("metrics")
    if not metrics:
        return 80.0, None  # the controller's default
    for metric in metrics:
        if not isinstance(metric, dict) or metric.get("type") != "Resource":
            continue
        resource = metric.get("resource") or {}
        if resource.get("name") != "cpu":
            continue
        target = resource.get("target") or {}
        if target.get("type") == "Utilization" and isinstance(target.get("averageUtilization"), int):
            return float(target["averageUtilization"]), None
        if target.get("type") == "AverageValue":
            value = k8s.parse_quantity(target.get("averageValue"))
            requests = (container.get("resources") or {}).get("requests") or {}
            request = k8s.parse_quantity(requests.get("cpu")) if isinstance(requests, dict) else None
            if value is None or not request:
                return None, "the CPU target is an average value, but the container requests no CPU"
            return 100.0 * value / request, None
    return None, "the autoscaler has no CPU metric"


class HpaPolicy(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        manifests = _objects(evidence)
        deployment, container = _server(manifests)
        if deployment is None or container is None:
            return Verdict(False, "there is no Deployment with a container")
        hpas = manifests.of_kind("HorizontalPodAutoscaler")
        if not hpas:
            return Verdict(False, "there is no HorizontalPodAutoscaler")
        name = k8s.object_name(deployment)
        ours = []
        for hpa in hpas:
            target = (hpa.get("spec") or {}).get("scaleTargetRef") or {}
            if target.get("kind") == "Deployment" and target.get("name") == name and \
                    target.get("apiVersion", "apps/v1") == "apps/v1":
                ours.append(hpa)
        if not ours:
            return Verdict(False, "no HorizontalPodAutoscaler targets the model server's "
                                  "Deployment (by apiVersion apps/v1, kind and name)")
        hpa = ours[0]
        if hpa.get("apiVersion") != "autoscaling/v2":
            return Verdict(False, "use the stable autoscaling/v2 API")
        spec = hpa.get("spec") or {}
        low, high = spec.get("minReplicas", 1), spec.get("maxReplicas")
        if not isinstance(low, int) or not isinstance(high, int) or not 1 <= low <= high:
            return Verdict(False, "minReplicas and maxReplicas must be numbers with "
                                  "1 <= minReplicas <= maxReplicas")
        target, why = _hpa_target(hpa, container)
        if target is None:
            return Verdict(False, why or "the CPU target cannot be read")
        wrong = {"low": 0, "high": 0, "mid": 0}
        for current, load in evidence["scenarios"]:
            want = ref.desired_replicas(int(current), float(load))
            got = ref.desired_replicas(int(current), float(load), target=target, low=low, high=high)
            if got != want:
                kind = "low" if want == ref.MIN_REPLICAS and got < want else \
                    "high" if want == ref.MAX_REPLICAS or got > ref.MAX_REPLICAS else "mid"
                wrong[kind] += 1
        if not any(wrong.values()):
            return Verdict(True, self.title)
        reasons = []
        if wrong["low"]:
            reasons.append("at low load it would leave fewer replicas than the service needs")
        if wrong["high"]:
            reasons.append("under heavy load it would not stop at the policy's ceiling")
        if wrong["mid"]:
            reasons.append("at moderate loads it scales at a different CPU level than the "
                           "policy's target")
        total = len(evidence["scenarios"])
        return Verdict(False, f"simulated on {total} load situations, the autoscaler disagrees "
                              f"with the policy in {sum(wrong.values())}: " + "; ".join(reasons))


class PodRuns(EvidenceCheck):
    def judge_evidence(self, evidence: dict[str, Any]) -> Verdict:
        run = evidence.get("run") or {}
        if run.get("reason"):
            return Verdict(False, f"started as your pod template says, {run['reason']}")
        readiness, liveness = run.get("readiness") or {}, run.get("liveness") or {}
        if readiness.get("status") != 200:
            return Verdict(False, f"the pod never became ready: its readiness probe answered "
                                  f"{readiness.get('status')} (the server reports not ready "
                                  "while its configuration or token is missing)")
        if liveness.get("status") != 200:
            return Verdict(False, f"the liveness probe answered {liveness.get('status')}: "
                                  "Kubernetes would restart this healthy pod again and again")
        about = run.get("about")
        expected = evidence["rotation"]["expected"]
        if not isinstance(about, dict):
            return Verdict(False, "the running server could not report its configuration")
        tokens = {hashlib.sha256(t.encode()).hexdigest() for t in expected[ref.SECRET_VARIABLE]}
        wrong = []
        if about.get("model") not in expected["MODEL_NAME"]:
            wrong.append("MODEL_NAME")
        if about.get("threshold") not in expected["DECISION_THRESHOLD"]:
            wrong.append("DECISION_THRESHOLD")
        if about.get("token_sha256") not in tokens:
            wrong.append("API_TOKEN")
        if wrong:
            return Verdict(False, "the pod runs, but after the grader changed the values in the "
                                  "ConfigMap and Secret the server still loaded other values "
                                  f"for {', '.join(wrong)}")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m09-kubernetes/deploy-model-service",
    inspection=ManifestInspection(),
    checks=[
        *public_checks(PUBLIC_CHECKS),
        SchemaValid(
            "schema-valid", "every object is valid against the Kubernetes 1.31 schemas (strict)",
            1.5, hints=[
                "Validate before you apply: `kubectl apply --dry-run=server` or kubeconform "
                "catch misspelled fields and wrong types. The message names the object and the "
                "field path.",
                "Strict validation rejects unknown fields (a typo such as `contianerPort`) and "
                "wrong types: numbers such as replicas and ports are unquoted integers, while "
                "ConfigMap values are always strings (quote \"0.35\").",
            ]),
        ServiceRoutes(
            "service-routes", "the Service selects the pods and targets a port they declare",
            1.5, hints=[
                "A Service finds its pods by labels only: compare its spec.selector with "
                "spec.template.metadata.labels of the Deployment, character by character.",
                "port is what clients call (80 here); targetPort is the container's port "
                "(8080, or the name you gave it in ports[].name).",
            ]),
        ProbesServed(
            "probes", "readiness and liveness probes ask the right paths on the served port",
            1.5, hints=[
                "Re-read the server's description in the notebook: which path says 'alive' "
                "and which says 'ready to take traffic'?",
                "Readiness goes to /ready and liveness to /healthz, both on the port given to "
                "--port; a probe's port may be the number or the container port's name.",
            ]),
        ResourcesSet(
            "resources", "cpu and memory requests and limits are set, limits >= requests",
            1.5, hints=[
                "Every container needs resources.requests and resources.limits, each with cpu "
                "and memory.",
                "A limit below its request is rejected by the API server; the memory limit "
                "must leave room for the model the server loads (see the notebook).",
            ]),
        ImagePinned(
            "image-pinned", "the image is pinned to the stated version (no latest)", 1, hints=[
                "Which exact version of the server does the notebook ask you to deploy?",
                "Write the tag explicitly: academy/model-server:1.4.2 (or pin a digest with "
                "@sha256:...). An image without a tag means :latest.",
            ]),
        ConfigAndSecret(
            "config-and-secret",
            "configuration comes from the ConfigMap and the token from the Secret", 1.5, hints=[
                "The grader changes the values stored in your ConfigMap and Secret and then "
                "looks at the container's environment: a value typed into the Deployment "
                "does not follow.",
                "Use env[].valueFrom.configMapKeyRef / secretKeyRef (name and key of your "
                "objects), or envFrom with configMapRef / secretRef; keep the token out of "
                "the ConfigMap.",
            ]),
        HpaPolicy(
            "hpa", "the autoscaler targets the Deployment and follows the scaling policy", 1.5,
            hints=[
                "Check scaleTargetRef (apiVersion apps/v1, kind Deployment, the Deployment's "
                "name) and compare minReplicas, maxReplicas and the CPU target with the policy "
                "in the notebook.",
                "autoscaling/v2: spec.metrics[0] = {type: Resource, resource: {name: cpu, "
                "target: {type: Utilization, averageUtilization: 70}}}, with minReplicas 2 and "
                "maxReplicas 10.",
            ]),
        PodRuns(
            "pod-runs", "the container starts as the pod template says and its probes pass", 3,
            hints=[
                "The grader starts the server with your command/args, environment, port and "
                "memory limit. In Kubernetes, `command` replaces the image's ENTRYPOINT and "
                "`args` its CMD.",
                "The image's entrypoint is already model-server: give only args: [serve, "
                "--port, \"8080\"], make sure every env reference names an existing object and "
                "key, and keep the memory limit above what the model needs.",
            ]),
    ],
)
