"""Kubernetes manifests read as data: parsing, schema validation and the semantics checks judge.

Learners write manifests as YAML files in their notebook; the grader reads them back
(``academy:read_files``) and judges them here, in trusted code. Nothing here talks to a
cluster. What a kubelet would do with a pod template - resolve its environment from
ConfigMaps and Secrets, expand ``$(VAR)`` references, combine ``command``/``args`` with the
image's entrypoint - is reproduced so that the lab can start the container under Docker as
a pod would run it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

KUBERNETES_VERSION = "1.31.0"
"""The Kubernetes version whose official schemas manifests are validated against."""

MANIFEST_SUFFIXES = (".yaml", ".yml")


@dataclass
class Manifests:
    """The objects found in a set of manifest files, and what could not be read."""

    objects: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    """For each object, ``file#n`` (n counts the documents of the file from 1)."""
    problems: list[str] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [o for o in self.objects if o.get("kind") == kind]

    def named(self, kind: str, name: str) -> dict[str, Any] | None:
        return next((o for o in self.of_kind(kind) if object_name(o) == name), None)

    def plain(self) -> dict[str, Any]:
        return {"objects": self.objects, "sources": self.sources, "problems": self.problems}


def _plain(value: Any) -> Any:
    """YAML values as JSON-like data (timestamps and other scalars become text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime, bytes)):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def load_manifests(files: Mapping[str, Any]) -> Manifests:
    """Parse the YAML files of a ``read_files`` answer (``{path: text, None or {"error"}}``)."""
    out = Manifests()
    for path in sorted(files):
        text = files[path]
        if not path.endswith(MANIFEST_SUFFIXES):
            continue
        if text is None:
            out.problems.append(f"{path} does not exist")
            continue
        if not isinstance(text, str):
            reason = text.get("error") if isinstance(text, dict) else "unreadable"
            out.problems.append(f"{path} cannot be read ({reason})")
            continue
        try:
            documents = list(yaml.safe_load_all(text))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "not valid YAML"
            out.problems.append(f"{path} is not valid YAML{where}: {problem}")
            continue
        for number, doc in enumerate(documents, 1):
            if doc is None:
                continue
            if not isinstance(doc, dict):
                out.problems.append(f"{path} document {number} is not a mapping of fields "
                                    "(a Kubernetes object starts with apiVersion: and kind:)")
                continue
            doc = _plain(doc)
            missing = [k for k in ("apiVersion", "kind") if not isinstance(doc.get(k), str)]
            if missing or not object_name(doc):
                missing += [] if object_name(doc) else ["metadata.name"]
                out.problems.append(f"{path} document {number} has no {', '.join(missing)}")
                continue
            out.objects.append(doc)
            out.sources.append(f"{path}#{number}")
    return out


def manifests_from_answer(answer: Any, folder: str) -> Manifests:
    """The manifests under *folder*, from the sandbox's answer to
    ``Call("academy:read_files", ([folder],))``. A failed call, a missing folder and a folder
    without YAML files become problems, so the checks always have something to judge."""
    from academy.grading.checks import describe_error

    if not answer.ok:
        return Manifests(problems=[describe_error("read_files", answer.error or "")])
    if not isinstance(answer.value, dict) or answer.value.get(folder, "") is None:
        return Manifests(problems=[f"the folder {folder} does not exist"])
    manifests = load_manifests(answer.value)
    if not manifests.objects and not manifests.problems:
        manifests.problems.append(f"there are no .yaml files in {folder}")
    return manifests


def object_name(obj: Mapping[str, Any]) -> str:
    meta = obj.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    return name if isinstance(name, str) else ""


def describe(obj: Mapping[str, Any]) -> str:
    return f"{obj.get('kind')} {object_name(obj) or '(no name)'}"


def schema_problems(obj: dict[str, Any], version: str = KUBERNETES_VERSION,
                    strict: bool = True) -> list[str]:
    """Why *obj* is not valid against the official schema of its kind (empty when valid)."""
    import kubernetes_validate
    from kubernetes_validate.utils import SchemaNotFoundError, ValidationError

    try:
        kubernetes_validate.validate(obj, version, strict=strict)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.path) or "(top level)"
        message = str(exc.message)
        if len(message) > 200:
            message = message[:200] + "..."
        return [f"{describe(obj)}: {where}: {message}"]
    except SchemaNotFoundError:
        return [f"{describe(obj)}: Kubernetes {version[:4]} has no kind {obj.get('kind')} in "
                f"apiVersion {obj.get('apiVersion')}"]
    except Exception as exc:  # noqa: BLE001 - a malformed object is a problem, not a crash
        return [f"{describe(obj)}: cannot be validated ({type(exc).__name__}: {exc})"[:300]]
    return []


# --- quantities ------------------------------------------------------------------------

_SUFFIXES = {"": 1.0, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15,
             "E": 1e18, "Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30, "Ti": 2.0**40,
             "Pi": 2.0**50, "Ei": 2.0**60}
_QUANTITY = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$")


def parse_quantity(value: Any) -> float | None:
    """A Kubernetes quantity as a number (cpu in cores, memory in bytes); None if invalid."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return None
    match = _QUANTITY.match(value.strip())
    if not match:
        return None
    return float(match.group(1)) * _SUFFIXES[match.group(2) or ""]


# --- pods --------------------------------------------------------------------------------

def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def pod_template(workload: Mapping[str, Any]) -> dict[str, Any]:
    """The pod template of a Deployment/Job, or of a CronJob's job template."""
    spec: dict[str, Any] = _mapping(workload.get("spec"))
    if workload.get("kind") == "CronJob":
        spec = _mapping(_mapping(spec.get("jobTemplate")).get("spec"))
    template = spec.get("template")
    return template if isinstance(template, dict) else {}


def pod_spec(workload: Mapping[str, Any]) -> dict[str, Any]:
    spec = pod_template(workload).get("spec")
    return spec if isinstance(spec, dict) else {}


def containers(workload: Mapping[str, Any]) -> list[dict[str, Any]]:
    items = pod_spec(workload).get("containers")
    return [c for c in items if isinstance(c, dict)] if isinstance(items, list) else []


def template_labels(workload: Mapping[str, Any]) -> dict[str, str]:
    meta = pod_template(workload).get("metadata")
    labels = meta.get("labels") if isinstance(meta, dict) else None
    return {str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {}


def selects(selector: Any, labels: Mapping[str, str]) -> bool:
    """True when a non-empty label selector (a map, or matchLabels/matchExpressions)
    matches *labels*."""
    if not isinstance(selector, dict) or not selector:
        return False
    if "matchLabels" in selector or "matchExpressions" in selector:
        plain = selector.get("matchLabels") or {}
        expressions = selector.get("matchExpressions") or []
    else:
        plain, expressions = selector, []
    if not isinstance(plain, dict) or not isinstance(expressions, list):
        return False
    if not plain and not expressions:
        return False
    if any(labels.get(str(k)) != str(v) for k, v in plain.items()):
        return False
    for expr in expressions:
        if not isinstance(expr, dict):
            return False
        key, op = str(expr.get("key")), expr.get("operator")
        values = [str(v) for v in expr.get("values") or []]
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and labels.get(key) in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
        if op not in ("In", "NotIn", "Exists", "DoesNotExist"):
            return False
    return True


def container_ports(container: Mapping[str, Any]) -> dict[str, int]:
    """Declared ports: ``{name or str(number): number}``."""
    out: dict[str, int] = {}
    for port in container.get("ports") or []:
        if isinstance(port, dict) and isinstance(port.get("containerPort"), int) \
                and not isinstance(port.get("containerPort"), bool):
            number = port["containerPort"]
            out[str(number)] = number
            if isinstance(port.get("name"), str):
                out[port["name"]] = number
    return out


def resolve_port(port: Any, container: Mapping[str, Any]) -> int | None:
    """A probe's or Service's target port (a number, or the name of a container port)."""
    if isinstance(port, bool):
        return None
    if isinstance(port, int):
        return port
    if isinstance(port, str):
        named = {str(p.get("name")): p.get("containerPort") for p in container.get("ports") or []
                 if isinstance(p, dict) and isinstance(p.get("name"), str)}
        value = named.get(port)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if port.isdigit():
            return int(port)
    return None


def secret_values(secret: Mapping[str, Any]) -> dict[str, str]:
    """A Secret's values as text: ``data`` decoded from base64, ``stringData`` as written
    (stringData wins, as on the API server). Undecodable data maps to ''."""
    out: dict[str, str] = {}
    for key, value in (secret.get("data") or {}).items():
        try:
            out[str(key)] = base64.b64decode(str(value), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            out[str(key)] = ""
    for key, value in (secret.get("stringData") or {}).items():
        out[str(key)] = "" if value is None else str(value)
    return out


def configmap_values(configmap: Mapping[str, Any]) -> dict[str, str]:
    data = configmap.get("data") or {}
    return {str(k): "" if v is None else str(v) for k, v in data.items()} \
        if isinstance(data, dict) else {}


_VAR = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")


def expand(text: str, env: Mapping[str, str]) -> str:
    """Kubernetes ``$(VAR)`` expansion: defined variables are replaced, ``$$`` is ``$``,
    undefined references stay as written."""
    def swap(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group(1)
        return env[name] if name in env else match.group(0)

    return _VAR.sub(swap, text)


@dataclass
class Environment:
    """A container's environment as the kubelet would build it."""

    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """Where each variable came from: ``literal``, ``configmap:<name>/<key>``,
    ``secret:<name>/<key>``, ``field`` or ``resource``."""
    problems: list[str] = field(default_factory=list)
    """References that would stop the container from starting (a missing object or key)."""


def resolve_env(container: Mapping[str, Any], configmaps: Mapping[str, Mapping[str, str]],
                secrets: Mapping[str, Mapping[str, str]]) -> Environment:
    """The container's environment from ``envFrom`` then ``env`` (later entries win), with
    ConfigMaps and Secrets given as ``{name: {key: value}}``."""
    out = Environment()
    for source in container.get("envFrom") or []:
        if not isinstance(source, dict):
            continue
        prefix = str(source.get("prefix") or "")
        for kind, objects in (("configMapRef", configmaps), ("secretRef", secrets)):
            ref = source.get(kind)
            if not isinstance(ref, dict):
                continue
            name, optional = str(ref.get("name")), bool(ref.get("optional"))
            label = "configmap" if kind == "configMapRef" else "secret"
            if name not in objects:
                if not optional:
                    out.problems.append(f"envFrom names the {label} {name!r}, which is not "
                                        "among the manifests")
                continue
            for key, value in objects[name].items():
                out.values[prefix + key] = value
                out.sources[prefix + key] = f"{label}:{name}/{key}"
    for item in container.get("env") or []:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        name = item["name"]
        if "value" in item:
            out.values[name] = expand("" if item["value"] is None else str(item["value"]),
                                      out.values)
            out.sources[name] = "literal"
            continue
        source = item.get("valueFrom")
        if not isinstance(source, dict):
            out.values[name] = ""
            out.sources[name] = "literal"
            continue
        for kind, objects, label in (("configMapKeyRef", configmaps, "configmap"),
                                     ("secretKeyRef", secrets, "secret")):
            ref = source.get(kind)
            if not isinstance(ref, dict):
                continue
            obj, key = str(ref.get("name")), str(ref.get("key"))
            if obj in objects and key in objects[obj]:
                out.values[name] = objects[obj][key]
                out.sources[name] = f"{label}:{obj}/{key}"
            elif not ref.get("optional"):
                what = f"the {label} {obj!r}" if obj not in objects else \
                    f"the key {key!r} of the {label} {obj!r}"
                out.problems.append(f"{name} refers to {what}, which does not exist")
            break
        else:
            if "fieldRef" in source or "resourceFieldRef" in source:
                out.values[name] = ""
                out.sources[name] = "field" if "fieldRef" in source else "resource"
    return out


def container_argv(container: Mapping[str, Any], entrypoint: Sequence[str],
                   cmd: Sequence[str], env: Mapping[str, str]) -> list[str]:
    """The process a pod starts: ``command`` replaces the image's ENTRYPOINT (and drops its
    CMD), ``args`` replace its CMD; ``$(VAR)`` references are expanded."""
    command, args = container.get("command"), container.get("args")
    command = [str(c) for c in command] if isinstance(command, list) else None
    args = [str(a) for a in args] if isinstance(args, list) else None
    if command:
        argv = command + (args or [])
    else:
        argv = list(entrypoint) + (args if args is not None else list(cmd))
    return [expand(a, env) for a in argv]


def option_value(argv: Sequence[str], option: str) -> str | None:
    """The value of ``--option VALUE`` or ``--option=VALUE`` in *argv* (the last one)."""
    found = None
    for i, word in enumerate(argv):
        if word == option and i + 1 < len(argv):
            found = argv[i + 1]
        elif word.startswith(option + "="):
            found = word[len(option) + 1:]
    return found


# --- cron ----------------------------------------------------------------------------------

_CRON_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12),
                ("day of week", 0, 7))
_NAMES = {3: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
              "dec"], 4: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]}
_MACROS = {"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
           "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
           "@hourly": "0 * * * *"}


class CronError(ValueError):
    """A schedule that is not a valid five-field cron expression."""


def _cron_value(text: str, index: int, low: int) -> int:
    names = _NAMES.get(index)
    if names and text.lower() in names:
        return names.index(text.lower()) + (1 if index == 3 else 0)
    if not text.isdigit():
        raise CronError(f"{text!r} is not a number in the {_CRON_FIELDS[index][0]} field")
    return int(text)


def parse_cron(schedule: str) -> list[set[int]]:
    """The five fields of a standard cron schedule as sets of values (day of week 7 is 0).

    Raises :class:`CronError` with one sentence for anything else."""
    text = schedule.strip()
    if text.upper().startswith(("TZ=", "CRON_TZ=")):
        raise CronError("a time zone inside the schedule is not supported; use the CronJob's "
                        "timeZone field")
    text = _MACROS.get(text.lower(), text)
    parts = text.split()
    if len(parts) != 5:
        raise CronError(f"a cron schedule has 5 fields (minute hour day month weekday), "
                        f"not {len(parts)}")
    out: list[set[int]] = []
    for index, (part, (label, low, high)) in enumerate(zip(parts, _CRON_FIELDS, strict=True)):
        values: set[int] = set()
        for item in part.split(","):
            step = 1
            if "/" in item:
                item, step_text = item.split("/", 1)
                if not step_text.isdigit() or int(step_text) == 0:
                    raise CronError(f"{step_text!r} is not a valid step in the {label} field")
                step = int(step_text)
            if item in ("*", "?"):
                start, end = low, high if index != 4 else 6
            elif "-" in item:
                a, b = item.split("-", 1)
                start, end = _cron_value(a, index, low), _cron_value(b, index, low)
            else:
                start = _cron_value(item, index, low)
                end = high if step > 1 else start
            if not (low <= start <= high and low <= end <= high) or start > end:
                raise CronError(f"{item!r} is out of range in the {label} field ({low}-{high})")
            values.update(range(start, end + 1, step))
        if index == 4:
            values = {0 if v == 7 else v for v in values}
        out.append(values)
    return out


def cron_fires(fields: Sequence[set[int]], moment: datetime.datetime) -> bool:
    """Whether a parsed schedule fires at *moment* (cron's rule: when both day fields are
    restricted, either may match)."""
    minute, hour, dom, month, dow = fields
    weekday = (moment.weekday() + 1) % 7  # Monday is 1, Sunday 0
    dom_any, dow_any = len(dom) == 31, len(dow) == 7
    if dom_any or dow_any:
        day = moment.day in dom and weekday in dow
    else:
        day = moment.day in dom or weekday in dow
    return moment.minute in minute and moment.hour in hour and moment.month in month and day


# --- the grader's own images ---------------------------------------------------------------

def build_owned_image(lab: Any, context: Mapping[str, bytes], name: str) -> str:
    """Build an image the grader owns (a stand-in for the image a manifest names) and tag it
    ``academy-lab/<name>:<lab run id>``, so that no other lab's clean-up of untagged images
    removes it while it is in use. The lab removes it on close. Raises RuntimeError when the
    build fails: that is the grader's problem, not the learner's."""
    error = "no attempt"
    for _ in range(3):  # the grader's own image: a failure is transient (a racing clean-up)
        try:
            build = lab.build(context)
        except Exception as exc:  # noqa: BLE001 - docker's ImageNotFound from a racing prune
            if type(exc).__name__ != "ImageNotFound":
                raise
            error = str(exc)[:200]
            continue
        if not build.ok:
            error = str(build.error)
            continue
        try:
            lab.client.images.get(build.image).tag(f"academy-lab/{name}", tag=lab.run_id)
        except Exception:  # noqa: BLE001 - removed between build and tag: build again
            error = "the image disappeared right after it was built"
            continue
        return str(build.image)
    raise RuntimeError(f"the grader's {name} image did not build: {error}")


def empty_dir_mounts(workload: Mapping[str, Any], container: Mapping[str, Any]) -> list[str]:
    """Mount paths of the container's emptyDir volumes (writable scratch space in a pod)."""
    volumes = pod_spec(workload).get("volumes") or []
    empty = {str(v.get("name")) for v in volumes if isinstance(v, dict) and "emptyDir" in v}
    return [str(m["mountPath"]) for m in container.get("volumeMounts") or []
            if isinstance(m, dict) and str(m.get("name")) in empty
            and isinstance(m.get("mountPath"), str) and m["mountPath"].startswith("/")]


def run_to_completion(lab: Any, image: str, argv: Sequence[str], *,
                      env: Mapping[str, str] | None = None, user: str | None = None,
                      memory_mb: int = 512, cpus: float = 1.0, scratch: Sequence[str] = (),
                      timeout: float = 60) -> dict[str, Any]:
    """Run a batch container as the lab runs services (no network, read-only root, no
    capabilities, limits), with a small tmpfs at /tmp and at each *scratch* path (a pod's
    emptyDir volumes), and wait for it to exit.

    Answers ``{"exit_code", "oom_killed", "timed_out", "seconds", "logs"}``, or
    ``{"error": reason}`` when the engine refuses to start the process (no such
    executable)."""
    import time

    kwargs: dict[str, Any] = {"user": user} if user is not None else {}
    tmpfs = {"/tmp": "rw,size=64m"}  # noqa: S108
    tmpfs.update({path: "rw,size=64m,mode=1777" for path in scratch if path != "/tmp"})  # noqa: S108
    container = lab.container(
        image, list(argv), environment=dict(env or {}), network_mode="none", read_only=True,
        tmpfs=tmpfs, cap_drop=["ALL"], security_opt=["no-new-privileges"],
        mem_limit=f"{memory_mb}m", memswap_limit=f"{memory_mb}m", nano_cpus=int(cpus * 1e9),
        pids_limit=128, init=True, **kwargs)
    started = time.monotonic()
    try:
        container.start()
    except Exception as exc:  # noqa: BLE001 - the engine's refusal is the result
        detail = str(getattr(exc, "explanation", "") or exc)
        return {"error": f"the container could not start: {detail[:240]}"}
    timed_out = False
    try:
        status = container.wait(timeout=timeout)
        code = status.get("StatusCode")
    except Exception:  # noqa: BLE001 - requests' ReadTimeout: still running
        timed_out, code = True, None
        with contextlib.suppress(Exception):
            container.kill()
    seconds = round(time.monotonic() - started, 2)
    with contextlib.suppress(Exception):
        container.reload()
    state = container.attrs.get("State", {}) if container.attrs else {}
    logs = ""
    with contextlib.suppress(Exception):
        logs = container.logs(tail=200).decode("utf-8", "replace")[-16_000:]
    with contextlib.suppress(Exception):
        container.remove(force=True)
    return {"exit_code": code, "oom_killed": bool(state.get("OOMKilled")),
            "timed_out": timed_out, "seconds": seconds, "logs": logs}
