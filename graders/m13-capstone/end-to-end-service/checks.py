"""Checks for end-to-end-service: the capstone's service half, built, run and probed.

The sandbox only hands back the files the notebook wrote under ``data/scorer/`` (``app.py``,
``requirements.txt``, ``Dockerfile``, ``.dockerignore`` and ``k8s/*.yaml``). Everything else
happens here, in the grader:

1. it trains a *seeded* model on rows of the lessons' generator the learner has never seen
   (new seed and months, a seeded ``C``, one seeded feature left out) and writes its
   ``model.pkl`` and ``model.json`` into the build context in place of the sample ones;
2. the lab builds the learner's Dockerfile offline. A ``FROM python:3.11...`` base (exact
   release, digest or not) is served by the lab's *service base*: the Python stand-in with
   the wheelhouse already installed, so the learner's ``pip install -r requirements.txt``
   runs and finds its pins satisfied in seconds instead of installing the whole scientific
   stack (20-70 s). Pinning is judged on the files themselves;
3. it runs the image with no network and probes it from outside on the port the Dockerfile
   serves: ``/health``, ``/ready`` (the seeded model's hash), hidden applications (the seeded
   model's probabilities), seeded malformed requests (a 422 naming the field, echoing
   nothing, and the server still answering afterwards);
4. it validates the manifests against the Kubernetes schemas and judges their meaning, then
   starts the learner's image again as the pod template says (command/args, environment,
   memory limit, user, runAsNonRoot as the kubelet enforces it) and hits its readiness and
   liveness probes from outside.

The pickle is written by the grader's scikit-learn and read by the wheelhouse's: the
inspection refuses to grade (status error) when their versions differ.
"""

from __future__ import annotations

import contextlib
import math
import re
import shlex
import time
from collections.abc import Iterator, Sequence
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
from academy.lab import dockerfile as df
from academy.lab import kubernetes as k8s
from academy.lab.images import STANDS_IN_FOR
from academy.lab.lab import FROM_RE
from academy.lab.verdicts import ImageCheck

from . import reference
from .public import PUBLIC_CHECKS

FOLDER = "data/scorer/"
DOCKERFILE = FOLDER + "Dockerfile"
DOCKERIGNORE = FOLDER + ".dockerignore"
APP = FOLDER + "app.py"
REQUIREMENTS = FOLDER + "requirements.txt"
MANIFESTS = FOLDER + "k8s/"
UVICORN_PORT = 8000
"""uvicorn's default port: what a server started without --port listens on."""
READINESS_PATH = "/ready"
LIVENESS_PATH = "/health"
REQUIRED = ("fastapi", "uvicorn", "scikit-learn", "numpy", "pandas")
ATOL = 1e-6
READY_TIMEOUT = 40.0
POD_TIMEOUT = 30.0
MAX_MEMORY_MB = 1024

PYTHON_311 = re.compile(r"^(?:docker\.io/library/)?python(?::3\.11(?:\.\d+)?(?:-slim)?"
                        r"(?:-bookworm)?)?(?:@sha256:[0-9a-f]{64})?$")
EXACT = re.compile(r":\d+\.\d+\.\d+[^@]*$|@sha256:[0-9a-f]{64}$")


# --- reading the files ---------------------------------------------------------------------

def served_words(instructions: list[df.Instruction]) -> list[str]:
    """The command line the final stage starts (ENTRYPOINT then CMD), as words."""
    entry: list[str] = []
    cmd: list[str] = []
    for ins in df.final_stage(instructions):
        if ins.keyword == "ENTRYPOINT":
            entry, cmd = ins.words(), []
        elif ins.keyword == "CMD":
            cmd = ins.words()
    return entry + cmd


def shell_words(argv: Sequence[str]) -> list[str]:
    """A ``sh -c "..."`` command line split into its words (others as they are)."""
    if len(argv) >= 3 and argv[0].rsplit("/", 1)[-1] in ("sh", "bash") and argv[1] == "-c":
        try:
            return shlex.split(argv[2])
        except ValueError:
            return argv[2].split()
    return list(argv)


def port_of(argv: Sequence[str], exposed: Sequence[int]) -> int:
    """The port a server started with *argv* listens on: its --port, else the one port the
    image exposes, else uvicorn's default."""
    value = k8s.option_value(shell_words(argv), "--port")
    if value is not None and value.isdigit():
        return int(value)
    return exposed[0] if len(exposed) == 1 else UVICORN_PORT


def exposed_ports(instructions: list[df.Instruction]) -> list[int]:
    ports = []
    for ins in df.final_stage(instructions):
        if ins.keyword == "EXPOSE":
            ports += [int(w.split("/")[0]) for w in ins.words() if w.split("/")[0].isdigit()]
    return sorted(set(ports))


def requirement_facts(text: str | None) -> dict[str, Any]:
    """Which packages requirements.txt names, and which of them are not pinned with ==."""
    if not isinstance(text, str):
        return {"exists": False, "names": [], "unpinned": []}
    names, unpinned = [], []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        spec = line.split(";", 1)[0].split(" --", 1)[0].strip()
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$", spec)
        if not match:
            unpinned.append(spec)
            continue
        name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        names.append(name)
        if not re.fullmatch(r"===?\s*[A-Za-z0-9][A-Za-z0-9.+!-]*", match.group(3).strip()):
            unpinned.append(name)
    return {"exists": True, "names": names, "unpinned": unpinned}


def static_facts(instructions: list[df.Instruction], requirements: str | None) -> dict[str, Any]:
    stages: set[str] = set()
    loose = []
    for base in df.bases(instructions):
        if base.image.lower() not in stages and not EXACT.search(base.image):
            loose.append(base.image)
        if base.alias:
            stages.add(base.alias.lower())
    installs = df.pip_installs(instructions)
    words = served_words(instructions)
    exposed = exposed_ports(instructions)
    return {"loose_bases": loose,
            "unpinned_installs": sorted({p for _, a in installs for p in df.unpinned_packages(a)}),
            "requirement_files": sorted({f for _, a in installs for f in df.requirement_files(a)}),
            "requirements": requirement_facts(requirements),
            "user": df.final_user(instructions), "exposed": exposed,
            "port": port_of(words, exposed)}


def pinning_problem(facts: dict[str, Any]) -> str | None:
    if facts["loose_bases"]:
        return (f"FROM {facts['loose_bases'][0]}: pin the base to an exact release "
                "(python:3.11.9-slim-bookworm) or a digest; a tag such as 3.11-slim or "
                "latest moves with every release")
    if facts["unpinned_installs"]:
        return "pip installs packages without an exact version: " + \
            ", ".join(facts["unpinned_installs"][:4])
    if not any(f.rsplit("/", 1)[-1] == "requirements.txt" for f in facts["requirement_files"]):
        return "no RUN step installs the dependencies with pip install -r requirements.txt"
    reqs = facts["requirements"]
    if not reqs["exists"]:
        return f"the notebook did not write {REQUIREMENTS}"
    if reqs["unpinned"]:
        return "requirements.txt does not pin an exact version (==) of: " + \
            ", ".join(reqs["unpinned"][:4])
    missing = [p for p in REQUIRED if p not in reqs["names"]]
    if missing:
        return "requirements.txt does not name " + ", ".join(missing) + \
            " (the service needs each of them, at the version the model was trained with)"
    return None


def user_problem(user: str) -> str | None:
    if df.is_root(user):
        return "the image runs as root: its final stage sets no USER, or sets root"
    uid = user.split(":", 1)[0].strip()
    if not uid.isdigit():
        return (f"USER {user}: give the user as a number (USER 10001:10001) so that "
                "Kubernetes' runAsNonRoot can verify it without looking inside the image")
    return None


# --- the build context -----------------------------------------------------------------------

def offline_dockerfile(text: str, service_base: str | None) -> str:
    """Serve every Python 3.11 base (exact release, digest or not), and the loose names the
    lab's stand-in answers for (python:latest...), with the lab's service base; other images
    stay as written (the lab refuses them with a reason)."""
    if service_base is None:
        return text
    stages: set[str] = set()

    def swap(match: re.Match[str]) -> str:
        image, rest = match.group(3), match.group(4)
        alias = re.search(r"\bAS\s+(\S+)", rest, re.IGNORECASE)
        result = match.group(0)
        if image.lower() not in stages and (PYTHON_311.match(image) or image in STANDS_IN_FOR):
            result = f"{match.group(1)}{match.group(2)}{service_base}{rest}"
        if alias:
            stages.add(alias.group(1).lower())
        return result

    return FROM_RE.sub(swap, text)


def build_context(files: dict[str, Any], model_files: dict[str, bytes], dockerfile: str
                  ) -> dict[str, bytes]:
    context: dict[str, bytes] = {"Dockerfile": dockerfile.encode()}
    for path in (APP, REQUIREMENTS):
        if isinstance(files.get(path), str):
            context[path[len(FOLDER):]] = files[path].encode()
    context.update(model_files)
    ignore = files.get(DOCKERIGNORE)
    if isinstance(ignore, str):
        context[".dockerignore"] = ignore.encode()
        context = df.apply_dockerignore(context, ignore)
    return context


# --- probing the service -----------------------------------------------------------------------

def names_field(body: str, field: str) -> bool:
    """Does *body* name *field* as a word (``age``, not ``wage``)?"""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(field)}(?![A-Za-z0-9_])", body) is not None


def predict(body: Any) -> dict[str, Any]:
    if isinstance(body, str):
        return {"method": "POST", "path": "/predict", "body": body,
                "headers": {"Content-Type": "application/json"}}
    return {"method": "POST", "path": "/predict", "body": body}


def probe_service(svc: Any, valid: list[dict], malformed: list[dict], after: dict
                  ) -> dict[str, Any]:
    """One batch of requests, in order: the probes, the valid applications, the malformed
    ones, and one valid application afterwards."""
    requests = [{"method": "GET", "path": LIVENESS_PATH}, {"method": "GET", "path": READINESS_PATH}]
    requests += [predict(row) for row in valid]
    requests += [predict(case["body"]) for case in malformed]
    requests.append(predict(after))
    answers = svc.requests(requests)
    health, ready = answers[0], answers[1]
    valid_answers = answers[2:2 + len(valid)]
    bad = answers[2 + len(valid):-1]
    return {
        "health": {"status": health.status, "json": health.json()},
        "ready_probe": {"status": ready.status, "json": ready.json()},
        "valid": [{"status": r.status, "json": r.json()} for r in valid_answers],
        "malformed": [{"kind": case["kind"], "field": case["field"], "status": r.status,
                       "names_field": names_field(r.body, case["field"]),
                       "echoes": any(s in r.body for s in case["secrets"]),
                       "error": r.error} for case, r in zip(malformed, bad, strict=True)],
        "after": {"status": answers[-1].status, "json": answers[-1].json()},
    }


# --- the pod -----------------------------------------------------------------------------------

def _objects(evidence: Evidence) -> k8s.Manifests:
    m = evidence.get("manifests") or {}
    return k8s.Manifests(list(m.get("objects", [])), list(m.get("sources", [])),
                         list(m.get("problems", [])))


def _scorer(manifests: k8s.Manifests) -> tuple[dict | None, dict | None]:
    """The first Deployment and its first container."""
    deployments = manifests.of_kind("Deployment")
    if not deployments:
        return None, None
    found = k8s.containers(deployments[0])
    return deployments[0], (found[0] if found else None)


def _probe(container: dict, kind: str) -> tuple[str | None, Any]:
    probe = container.get(kind)
    get = probe.get("httpGet") if isinstance(probe, dict) else None
    if not isinstance(get, dict):
        return None, None
    path = get.get("path")
    return (path if isinstance(path, str) else "/"), get.get("port")


def _security(deployment: dict, container: dict, key: str) -> Any:
    """A securityContext field as the kubelet reads it: the container's, else the pod's."""
    for context in (container.get("securityContext"), k8s.pod_spec(deployment).get("securityContext")):
        if isinstance(context, dict) and key in context:
            return context[key]
    return None


def _env(manifests: k8s.Manifests, container: dict) -> k8s.Environment:
    configmaps = {k8s.object_name(o): k8s.configmap_values(o) for o in manifests.of_kind("ConfigMap")}
    secrets = {k8s.object_name(o): k8s.secret_values(o) for o in manifests.of_kind("Secret")}
    return k8s.resolve_env(container, configmaps, secrets)


def pod_port(container: dict, env: dict[str, str], image_argv: tuple[list[str], list[str]],
             image_port: int) -> int:
    """The port the pod's server listens on: --port in the pod's command line, else the
    image's."""
    if container.get("command") or container.get("args") is not None:
        argv = k8s.container_argv(container, image_argv[0], image_argv[1], env)
        value = k8s.option_value(shell_words(argv), "--port")
        if value is not None and value.isdigit():
            return int(value)
    return image_port


def kubelet_refusal(deployment: dict, container: dict, image_user: str) -> str | None:
    """What the kubelet says when runAsNonRoot cannot hold (None when it starts)."""
    if _security(deployment, container, "runAsNonRoot") is not True:
        return None
    uid = _security(deployment, container, "runAsUser")
    if isinstance(uid, int) and not isinstance(uid, bool):
        return "runAsNonRoot is set but runAsUser is 0" if uid == 0 else None
    name = image_user.split(":", 1)[0].strip()
    if name in ("", "root", "0"):
        return "runAsNonRoot is set and the image runs as root: the kubelet refuses to start it"
    if not name.isdigit():
        return (f"runAsNonRoot is set, no runAsUser is given and the image's user {name!r} is "
                "not numeric: the kubelet cannot verify it is not root and refuses to start it")
    return None


@contextlib.contextmanager
def serve_as_pod(lab: Any, image: str, argv: list[str], *, port: int, env: dict[str, str],
                 user: str | None, memory_mb: int, ready_path: str) -> Iterator[Any]:
    """Start *image* with the pod's full command line, the way the kubelet does (the first
    word replaces the image's ENTRYPOINT), under the lab's isolation, with a prober beside it."""
    with lab.serve(image, port=port, command=argv[1:], entrypoint=argv[:1], env=env,
                   user=user, memory_mb=memory_mb, ready_path=ready_path,
                   ready_timeout=POD_TIMEOUT) as service:
        yield service


def run_pod(lab: Any, manifests: k8s.Manifests, build: dict[str, Any]) -> dict[str, Any]:
    """Start the learner's image as the pod template says and hit its probes."""
    deployment, container = _scorer(manifests)
    if deployment is None or container is None:
        return {"reason": "there is no Deployment with a container to start"}
    env = _env(manifests, container)
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
    refusal = kubelet_refusal(deployment, container, build.get("user", ""))
    if refusal:
        return {"reason": refusal}
    argv = k8s.container_argv(container, build["entrypoint"], build["cmd"], env.values)
    if not argv:
        return {"reason": "neither the pod nor the image says which command to run"}
    uid = _security(deployment, container, "runAsUser")
    gid = _security(deployment, container, "runAsGroup")
    user = None
    if isinstance(uid, int) and not isinstance(uid, bool):
        user = f"{uid}:{gid}" if isinstance(gid, int) and not isinstance(gid, bool) else str(uid)
    limits = (container.get("resources") or {}).get("limits") or {}
    memory = k8s.parse_quantity(limits.get("memory")) if isinstance(limits, dict) else None
    memory_mb = 512 if memory is None else max(8, min(MAX_MEMORY_MB, math.ceil(memory / 2**20)))
    out: dict[str, Any] = {"memory_mb": memory_mb, "user": user}
    import docker.errors

    try:
        with serve_as_pod(lab, build["image"], argv, port=ready_number, env=env.values,
                          user=user, memory_mb=memory_mb, ready_path=ready_path) as pod:
            if not pod.ready:
                out["reason"] = why_not_serving(pod, ready_number)
                return out
            status = None
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                status = pod.request("GET", ready_path).status
                if status == 200:
                    break
                time.sleep(0.5)
            out["readiness"] = {"path": ready_path, "port": ready_number, "status": status}
            pod.port = live_number
            out["liveness"] = {"path": live_path, "port": live_number,
                               "status": pod.request("GET", live_path).status}
            out["running"] = pod.running()
    except docker.errors.APIError as exc:
        detail = str(getattr(exc, "explanation", "") or exc)
        out["reason"] = f"the container could not start: {detail[:240]}"
    return out


def why_not_serving(service: Any, port: int) -> str:
    with contextlib.suppress(Exception):
        service.container.reload()
    state = service.container.attrs.get("State", {}) if service.container.attrs else {}
    logs = [line for line in service.logs().strip().splitlines() if line.strip()]
    last = f" (its last output: {logs[-1][:200]!r})" if logs else ""
    if state.get("OOMKilled"):
        return "the container was killed for using more memory than its limit allows"
    if service.problem and not state.get("Running", False) and not logs:
        return str(service.problem)
    if not state.get("Running", False):
        return f"the container exited with code {state.get('ExitCode')}{last}"
    return (f"nothing answered HTTP on port {port} (the readiness probe's port) within "
            f"{POD_TIMEOUT:.0f} s{last}")


# --- the inspection ----------------------------------------------------------------------------

class BuildServeDeploy(Inspection):
    """Reads data/scorer/ back, builds the image with a seeded model, probes the service,
    judges the manifests and starts the image as the pod template says."""

    needs_lab = True

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:read_files", ([APP, REQUIREMENTS, DOCKERFILE, DOCKERIGNORE,
                                              MANIFESTS],))]

    def inspect(self, calls: Sequence[Call], answers: Sequence[Answer], lab: Any,
                rng: np.random.Generator) -> Evidence:
        answer = answers[0]
        files = answer.value if answer.ok and isinstance(answer.value, dict) else {}
        model = reference.seeded_model(rng)  # refuses to grade when the versions differ
        valid = reference.valid_applications(rng)
        malformed = reference.malformed_requests(rng)
        after = reference.application(rng)
        evidence: Evidence = {
            "model_hash": model["meta"]["model_hash"],
            "expected": reference.probabilities(model["pipeline"], valid),
            "manifests": self.manifests(files),
        }
        evidence["schema"] = [p for obj in evidence["manifests"]["objects"]
                              for p in k8s.schema_problems(obj)]
        image_argv = self.build_and_serve(files, model, valid, malformed, after, lab, evidence)
        manifests = _objects(evidence)
        _, container = _scorer(manifests)
        if container is not None:
            evidence["pod_port"] = pod_port(container, _env(manifests, container).values,
                                            image_argv, evidence["port"])
        if "run" not in evidence:
            evidence["run"] = run_pod(lab, manifests, evidence["build"]) \
                if manifests.of_kind("Deployment") else {"reason": "there is no Deployment to run"}
        return evidence

    @staticmethod
    def build_and_serve(files: dict[str, Any], model: dict[str, Any], valid: list[dict],
                        malformed: list[dict], after: dict, lab: Any, evidence: Evidence
                        ) -> tuple[list[str], list[str]]:
        """Build and probe the image, filling *evidence*; answers the image's ENTRYPOINT and
        CMD (as the Dockerfile says them when there is no image)."""
        evidence["port"] = UVICORN_PORT
        text = files.get(DOCKERFILE)
        if not isinstance(text, str):
            evidence["problem"] = f"the notebook did not write {DOCKERFILE}"
            evidence["run"] = {"reason": "there is no image to start"}
            return [], []
        try:
            instructions = df.parse(text)
        except df.DockerfileError as exc:
            evidence["problem"] = f"the Dockerfile cannot be read: {exc}"
            evidence["run"] = {"reason": "there is no image to start"}
            return [], []
        requirements = files.get(REQUIREMENTS)
        facts = static_facts(instructions, requirements if isinstance(requirements, str) else None)
        evidence["static"] = facts
        evidence["port"] = facts["port"]
        evidence["advice"] = df.hadolint_advice(text)
        if not isinstance(files.get(APP), str):
            evidence["problem"] = f"the notebook did not write {APP}"
            evidence["run"] = {"reason": "there is no image to start"}
            return [], served_words(instructions)
        context = build_context(files, model["files"],
                                offline_dockerfile(text, getattr(lab, "service_base", None)))
        build = lab.build(context)
        evidence["build"] = {"ok": build.ok, "error": build.error, "seconds": build.seconds,
                             "user": build.user, "image": build.image,
                             "entrypoint": build.entrypoint, "cmd": build.cmd,
                             "exposed": build.exposed_ports}
        if not build.ok:
            evidence["run"] = {"reason": "there is no image to start (it did not build)"}
            return [], served_words(instructions)
        evidence["port"] = port_of(build.entrypoint + build.cmd, build.exposed_ports)
        with lab.serve(build.image, port=evidence["port"], ready_path=LIVENESS_PATH,
                       ready_timeout=READY_TIMEOUT) as svc:
            evidence["ready"] = svc.ready
            if svc.ready:
                evidence.update(probe_service(svc, valid, malformed, after))
            evidence["uids"] = svc.process_uids()
            evidence["running"] = svc.running()
            if not svc.ready or not evidence["running"]:
                evidence["logs"] = svc.logs()[-800:]
                evidence["down"] = svc.problem
        return list(build.entrypoint), list(build.cmd)

    @staticmethod
    def manifests(files: dict[str, Any]) -> dict[str, Any]:
        listed = {p: t for p, t in files.items() if p.startswith(MANIFESTS)}
        if files.get(MANIFESTS, "") is None:
            return k8s.Manifests(problems=[f"the folder {MANIFESTS} does not exist"]).plain()
        found = k8s.load_manifests(listed)
        if not found.objects and not found.problems:
            found.problems.append(f"there are no .yaml files in {MANIFESTS}")
        return found.plain()


# --- the judges ----------------------------------------------------------------------------------

def _listing(items: Sequence[str], limit: int = 3) -> str:
    more = f" (and {len(items) - limit} more)" if len(items) > limit else ""
    return "; ".join(items[:limit]) + more


class ImagePinnedNonRoot(ImageCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_image(evidence)
        if failed:
            return failed
        facts = evidence["static"]
        problem = pinning_problem(facts) or user_problem(evidence["build"].get("user", ""))
        if problem:
            return Verdict(False, problem)
        if 0 in (evidence.get("uids") or []):
            return Verdict(False, "a process in the container runs as uid 0 (root)")
        port = evidence["port"]
        if port not in (evidence["build"].get("exposed") or []):
            return Verdict(False, f"the server listens on port {port}, but the image does not "
                                  f"EXPOSE it (it exposes {evidence['build'].get('exposed') or 'nothing'})")
        return Verdict(True, self.title)


class ServiceCheck(ImageCheck):
    """Needs the image built and the server answering on its port."""

    def no_service(self, evidence: Evidence) -> Verdict | None:
        failed = self.no_image(evidence)
        if failed:
            return failed
        if evidence.get("ready") and (evidence.get("health") or {}).get("status") is not None:
            return None
        lines = (evidence.get("logs") or "").strip().splitlines()
        tail = f" (its last log line: {lines[-1][:200]})" if lines else ""
        if evidence.get("down"):
            return Verdict(False, f"{evidence['down']}{tail}")
        return Verdict(False, f"nothing answered GET {LIVENESS_PATH} on port {evidence['port']} "
                              f"within {READY_TIMEOUT:.0f} s of starting the container{tail}")


class PredictionsAndHash(ServiceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_service(evidence)
        if failed:
            return failed
        expected_hash = evidence["model_hash"]
        ready = evidence["ready_probe"]
        body = ready.get("json")
        if ready.get("status") != 200:
            return Verdict(False, f"GET {READINESS_PATH} answered {ready.get('status')}: the "
                                  "service did not become ready with the model in its image")
        if not isinstance(body, dict) or body.get("model_hash") != expected_hash:
            return Verdict(False, f"GET {READINESS_PATH} does not report the hash of the "
                                  "model.json the image was built with")
        wrong = 0
        for answer, expected in zip(evidence["valid"], evidence["expected"], strict=True):
            got = answer.get("json")
            if answer.get("status") != 200 or not isinstance(got, dict):
                return Verdict(False, f"POST /predict answered {answer.get('status')} to a "
                                      "valid application")
            if got.get("model_hash") != expected_hash:
                return Verdict(False, "POST /predict does not report the hash of the "
                                      "model.json the image was built with")
            value = got.get("default_probability")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                    not math.isclose(float(value), expected, rel_tol=0, abs_tol=ATOL):
                wrong += 1
        if wrong:
            return Verdict(False, f"the default_probability differs from the model's on {wrong} "
                                  f"of {len(evidence['expected'])} hidden applications")
        return Verdict(True, self.title)


class Validation422(ServiceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_service(evidence)
        if failed:
            return failed
        cases = evidence["malformed"]
        broken = sorted({f"{m['kind']} ({m['status'] or 'no answer'})" for m in cases
                         if m["status"] is None or m["status"] >= 500})
        if broken:
            return Verdict(False, "malformed requests broke the server instead of being "
                                  "rejected: " + "; ".join(broken))
        missed = sorted({f"{m['kind']} (answered {m['status']})" for m in cases
                         if m["status"] != 422})
        if missed:
            return Verdict(False, "not every malformed request got a 422: " + "; ".join(missed))
        silent = sorted({m["kind"] for m in cases if not m["names_field"]})
        if silent:
            return Verdict(False, "the 422 body does not name the field at fault for: "
                                  + ", ".join(silent))
        echoed = sorted({m["kind"] for m in cases if m["echoes"]})
        if echoed:
            return Verdict(False, "the 422 body repeats what the applicant submitted for: "
                                  + ", ".join(echoed) + " (financial details end up in logs)")
        after = evidence["after"]
        if not evidence.get("running") or after.get("status") != 200:
            return Verdict(False, "after the malformed requests, a valid application got "
                                  f"{after.get('status')} instead of 200")
        return Verdict(True, self.title)


class ManifestsConsistent(EvidenceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        manifests = _objects(evidence)
        problems = manifests.problems + list(evidence.get("schema", []))
        if problems:
            return Verdict(False, "not every object is valid Kubernetes "
                                  f"{k8s.KUBERNETES_VERSION[:4]}: " + _listing(problems))
        deployment, container = _scorer(manifests)
        if deployment is None or container is None:
            return Verdict(False, "there is no Deployment with a container")
        problems = []
        labels = k8s.template_labels(deployment)
        if not k8s.selects((deployment.get("spec") or {}).get("selector"), labels):
            problems.append("the Deployment's selector does not match its pod template's labels")
        declared = set(k8s.container_ports(container).values())
        served = evidence.get("pod_port", evidence.get("port", UVICORN_PORT))
        if served not in declared:
            problems.append(f"the container does not declare port {served}, where the server "
                            "listens")
        services = manifests.of_kind("Service")
        routing = [s for s in services
                   if k8s.selects((s.get("spec") or {}).get("selector"), labels)]
        if not services:
            problems.append("there is no Service")
        elif not routing:
            problems.append("no Service's selector matches the pods' labels, so the Service "
                            "has no endpoints")
        for service in routing:
            for port in (service.get("spec") or {}).get("ports") or []:
                if not isinstance(port, dict):
                    continue
                target = k8s.resolve_port(port.get("targetPort", port.get("port")), container)
                if target is None or target not in declared:
                    problems.append(f"the Service's port {port.get('port')} sends traffic to a "
                                    "targetPort that is not a port of the container")
        for kind, path in (("readinessProbe", READINESS_PATH), ("livenessProbe", LIVENESS_PATH)):
            got, port = _probe(container, kind)
            if got is None:
                problems.append(f"there is no HTTP {kind}")
                continue
            if got != path:
                problems.append(f"the {kind} asks {got}, not {path}")
            number = k8s.resolve_port(port, container)
            if number != served:
                problems.append(f"the {kind} knocks on port {port!r}, where the server does not "
                                "listen")
        problems += resource_problems(container)
        problems += image_problems(container)
        if _security(deployment, container, "runAsNonRoot") is not True:
            problems.append("the pod does not say runAsNonRoot: true")
        uid = _security(deployment, container, "runAsUser")
        if not isinstance(uid, int) or isinstance(uid, bool) or uid <= 0:
            problems.append("the pod does not set runAsUser to a non-root uid")
        if problems:
            return Verdict(False, _listing(problems))
        return Verdict(True, self.title)


def resource_problems(container: dict) -> list[str]:
    problems = []
    raw = container.get("resources")
    resources: dict[str, Any] = raw if isinstance(raw, dict) else {}
    values: dict[tuple[str, str], float | None] = {}
    for section in ("requests", "limits"):
        part = resources.get(section)
        given: dict[str, Any] = part if isinstance(part, dict) else {}
        for resource in ("cpu", "memory"):
            values[section, resource] = k8s.parse_quantity(given.get(resource))
            if values[section, resource] is None:
                problems.append(f"resources.{section}.{resource} is missing")
    for resource in ("cpu", "memory"):
        low, high = values["requests", resource], values["limits", resource]
        if low is not None and high is not None and high < low:
            problems.append(f"the {resource} limit is below its request")
    return problems


def image_problems(container: dict) -> list[str]:
    image = container.get("image")
    if not isinstance(image, str) or not image.strip():
        return ["the container has no image"]
    tag = df.image_tag(image)
    if tag == "latest":
        return [f"{image} uses the moving tag latest"]
    if tag is None:
        return [f"{image} has no tag, which means latest"]
    if tag.startswith("@") and not re.fullmatch(r"@sha256:[0-9a-f]{64}", tag):
        return [f"{image} has a malformed digest"]
    return []


class PodProbesAnswer(EvidenceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        run = evidence.get("run") or {}
        if run.get("reason"):
            return Verdict(False, f"started as your pod template says, {run['reason']}")
        readiness, liveness = run.get("readiness") or {}, run.get("liveness") or {}
        if readiness.get("status") != 200:
            answer = f"answered {readiness['status']}" if readiness.get("status") else \
                "got no answer"
            return Verdict(False, f"the pod never became ready: GET {readiness.get('path')} on "
                                  f"port {readiness.get('port')} {answer}")
        if liveness.get("status") != 200:
            answer = f"answered {liveness['status']}" if liveness.get("status") else \
                "got no answer"
            return Verdict(False, f"the liveness probe (GET {liveness.get('path')} on port "
                                  f"{liveness.get('port')}) {answer}: Kubernetes would restart "
                                  "this pod again and again")
        if not run.get("running"):
            return Verdict(False, "the pod stopped while its probes were hit")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m13-capstone/end-to-end-service",
    inspection=BuildServeDeploy(),
    checks=[
        *public_checks(PUBLIC_CHECKS),
        ImagePinnedNonRoot(
            "image-builds-pinned-nonroot",
            "the image builds offline, pinned, exposing its port and running as a numeric "
            "non-root user", 3, hints=[
                "Run the notebook's deployment_review('data/scorer'): it reads the same files "
                "the grader builds. The message names the first problem the grader found.",
                "FROM an exact release (python:3.11.9-slim-bookworm), pip install -r "
                "requirements.txt with every package at ==version, USER 10001:10001 after the "
                "COPY lines, and EXPOSE the port given to uvicorn's --port.",
            ]),
        PredictionsAndHash(
            "predictions-and-hash",
            "the image serves the model it was built with: its hash and its probabilities", 3,
            hints=[
                "The grader replaces model.pkl and model.json with a model of its own (other "
                "rows, another C, and not the same feature list) before it builds your image. "
                "Does your app read everything it reports from those two files?",
                "Report meta['model_hash'] from /ready and /predict, score "
                "pd.DataFrame([record])[meta['features']], and load the files from the image's "
                "working folder (or beside app.py), never from a copy made elsewhere.",
            ]),
        Validation422(
            "validation-422",
            "malformed applications get a 422 that names the field and echoes nothing", 2,
            hints=[
                "The hidden requests include a missing field, an extra field, an unknown "
                "category, values out of range, values of the wrong type and a NaN literal. "
                "Send each to your app with service_statuses() and read the bodies.",
                "Take the body as a pydantic model with extra='forbid', allow_inf_nan=False, "
                "Field ranges and Literal categories, and install an exception handler for "
                "RequestValidationError that answers the loc of each error and its msg, "
                "without the input.",
            ]),
        ManifestsConsistent(
            "manifests-valid-and-consistent",
            "the manifests are valid and consistent: selectors, ports, probes, limits, tag, "
            "non-root", 2, hints=[
                "Run deployment_review('data/scorer') and compare each part of the Deployment "
                "with the lesson's: labels, ports, probes, resources, image, securityContext.",
                "The probes ask /ready and /health on the port the container declares and the "
                "server listens on; the Service's selector equals the pod labels and its "
                "targetPort names that port; requests and limits for cpu and memory; a fixed "
                "image tag; runAsNonRoot: true with runAsUser: 10001.",
            ]),
        PodProbesAnswer(
            "pod-probes-answer",
            "your image, started as the pod template says, answers its readiness and liveness "
            "probes", 2, hints=[
                "The grader starts your image with the pod's command/args, environment, user "
                "and memory limit, and knocks where your probes point. Does the command line "
                "in the pod start the server on the port the probes name?",
                "Leave command/args out to keep the image's CMD, keep the memory limit well "
                "above what the service needs (256Mi or more), and give runAsUser a numeric uid "
                "when runAsNonRoot is set.",
            ]),
    ],
)
