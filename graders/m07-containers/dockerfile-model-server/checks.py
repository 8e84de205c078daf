"""Checks for dockerfile-model-server: the learner's Dockerfile is built with the real
engine, offline, and the image is run with no network and probed from outside.

The sandbox only hands back the files the notebook wrote (``data/server/Dockerfile`` and
``.dockerignore``). Everything else happens here, in the grader:

1. the build context is the exercise's own ``data/server`` folder from the repository
   (not the learner's copy), with a *seeded* ``app/model.json`` the learner has never seen
   and a 36 MB training table that has no business in the image;
2. the lab builds it, starts it, sends ``/health`` and ``/predict`` with hidden rows and
   compares the answers with the seeded model's probabilities;
3. the lab rebuilds after a one-line change to ``app/main.py``: the dependency layer must
   come from the cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
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
from academy.lab.verdicts import Builds, ImageCheck, NonRoot, not_answering

from . import reference
from .public import PUBLIC_CHECKS

HERE = Path(__file__).resolve().parent
CONTEXT = HERE.parents[2] / "exercises" / HERE.parent.name / HERE.name / "data" / "server"
DOCKERFILE = "data/server/Dockerfile"
DOCKERIGNORE = "data/server/.dockerignore"
PORT = 8000
SIZE_BUDGET_MB = 110  # on top of the python:3.11-slim base; the pinned dependencies take ~90


def context_files(model: dict, training: bytes) -> dict[str, bytes]:
    import json

    files = {str(p.relative_to(CONTEXT)): p.read_bytes()
             for p in sorted(CONTEXT.rglob("*")) if p.is_file()
             and p.name not in ("Dockerfile", ".dockerignore")}
    files["app/model.json"] = json.dumps(model).encode()
    files["training/train.csv"] = training
    return files


class BuildAndProbe(Inspection):
    """Reads the Dockerfile back, builds it twice in the lab and probes the service."""

    needs_lab = True

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:read_files", ([DOCKERFILE, DOCKERIGNORE],))]

    def inspect(self, calls: Sequence[Call], answers: Sequence[Answer], lab: Any,
                rng: np.random.Generator) -> Evidence:
        files = answers[0].value if answers[0].ok and isinstance(answers[0].value, dict) else {}
        text = files.get(DOCKERFILE)
        ignore = files.get(DOCKERIGNORE)
        if not isinstance(text, str):
            return {"problem": f"the notebook did not write {DOCKERFILE}"}
        try:
            instructions = df.parse(text)
        except df.DockerfileError as exc:
            return {"problem": f"the Dockerfile cannot be read: {exc}"}
        evidence: Evidence = {"static": static_facts(instructions),
                              "advice": df.hadolint_advice(text)}
        model = reference.seeded_model(rng)
        rows = reference.hidden_rows(rng)
        evidence["expected"] = reference.probabilities(model, rows)
        evidence["model_version"] = model["version"]
        context = context_files(model, reference.training_data(rng))
        context["Dockerfile"] = text.encode()
        if isinstance(ignore, str):
            context[".dockerignore"] = ignore.encode()
        context = df.apply_dockerignore(context, ignore if isinstance(ignore, str) else None)
        build = lab.build(context)
        evidence["build"] = {"ok": build.ok, "error": build.error, "seconds": build.seconds,
                             "size_mb": build.size_mb, "user": build.user}
        if not build.ok:
            return evidence
        base = lab.client.images.get(lab.standin).attrs.get("Size", 0) / 1e6
        evidence["build"]["added_mb"] = round((build.size_mb or 0) - base, 1)
        with lab.serve(build.image, port=PORT, ready_path="/health", ready_timeout=40) as svc:
            evidence["ready"] = svc.ready
            health = svc.request("GET", "/health")
            predict = svc.request("POST", "/predict", {"rows": rows}, timeout=10)
            evidence["health"] = {"status": health.status, "json": health.json()}
            evidence["predict"] = {"status": predict.status, "json": predict.json()}
            evidence["uids"] = svc.process_uids()
            evidence["running"] = svc.running()
            if not svc.ready:
                evidence["logs"] = svc.logs()[-600:]
                evidence["down"] = svc.problem
        changed = dict(context)
        changed["app/main.py"] = changed.get("app/main.py", b"") + b"\n# a one-line change\n"
        rebuild = lab.build(changed, nocache=False)
        pip_steps = [n for n, step in enumerate(rebuild.steps, 1) if "pip install" in step
                     or "pip3 install" in step]
        evidence["rebuild"] = {"ok": rebuild.ok, "pip_steps": pip_steps,
                               "cached": rebuild.cached_steps, "seconds": rebuild.seconds}
        return evidence


def static_facts(instructions: list[df.Instruction]) -> dict[str, Any]:
    installs = df.pip_installs(instructions)
    unpinned = sorted({p for _, args in installs for p in df.unpinned_packages(args)})
    files = sorted({f for _, args in installs for f in df.requirement_files(args)})
    return {"unpinned_bases": df.unpinned_bases(instructions), "unpinned_packages": unpinned,
            "requirement_files": files, "pip_installs": len(installs),
            "user": df.final_user(instructions)}


class Health(ImageCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_image(evidence)
        if failed:
            return failed
        failed = not_answering(evidence, PORT, 40)
        if failed:
            return failed
        health = evidence["health"]
        body = health.get("json") or {}
        if health.get("status") != 200 or body.get("model_version") != evidence["model_version"]:
            return Verdict(False, f"GET /health answered {health.get('status')} without the "
                                  "version of the model.json in the build context")
        return Verdict(True, self.title)


class Predicts(ImageCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_image(evidence)
        if failed:
            return failed
        predict = evidence.get("predict") or {}
        got = (predict.get("json") or {}).get("probabilities") if isinstance(
            predict.get("json"), dict) else None
        if predict.get("status") != 200 or not isinstance(got, list):
            return Verdict(False, f"POST /predict answered {predict.get('status')} "
                                  "without probabilities")
        expected = evidence["expected"]
        if len(got) != len(expected) or not np.allclose(np.asarray(got, dtype=float),
                                                         expected, atol=1e-9):
            return Verdict(False, "POST /predict answered probabilities that do not come from "
                                  "the model.json in the build context")
        return Verdict(True, self.title)


class Pinned(EvidenceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        if "problem" in evidence:
            return Verdict(False, evidence["problem"])
        facts = evidence["static"]
        if facts["unpinned_bases"]:
            return Verdict(False, f"FROM {facts['unpinned_bases'][0]}: a base image needs an "
                                  "exact tag (not latest, not none)")
        if facts["unpinned_packages"]:
            return Verdict(False, "pip installs packages without an exact version: "
                                  + ", ".join(facts["unpinned_packages"][:5]))
        if not facts["pip_installs"]:
            return Verdict(False, "no RUN step installs the dependencies with pip")
        if any(f.rsplit("/", 1)[-1] != "requirements.txt" for f in facts["requirement_files"]):
            return Verdict(False, "pip installs from a requirements file other than the "
                                  "pinned requirements.txt")
        return Verdict(True, self.title)


class Small(ImageCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_image(evidence)
        if failed:
            return failed
        added = evidence["build"].get("added_mb", 0.0)
        if added > SIZE_BUDGET_MB:
            return Verdict(False, f"the image adds {added:.0f} MB to its base, over the "
                                  f"{SIZE_BUDGET_MB} MB budget")
        return Verdict(True, self.title)


class LayerCache(ImageCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_image(evidence)
        if failed:
            return failed
        rebuild = evidence.get("rebuild") or {}
        if not rebuild.get("ok"):
            return Verdict(False, "the image did not rebuild after a change to app/main.py")
        if not rebuild["pip_steps"]:
            return Verdict(False, "no build step installs the dependencies with pip")
        missed = [n for n in rebuild["pip_steps"] if n not in rebuild["cached"]]
        if missed:
            return Verdict(False, "after a one-line change to app/main.py the dependencies "
                                  "were installed again: the pip step was not taken from the "
                                  "build cache")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m07-containers/dockerfile-model-server",
    inspection=BuildAndProbe(),
    checks=public_checks(PUBLIC_CHECKS) + [
        Builds("builds", "The image builds offline from the Dockerfile", 2, hints=[
            "Build it the way the grader does: the build context is the data/server folder, "
            "and every path in COPY is relative to it.",
            "Read the builder's error in the message: a COPY of a file that is not in the "
            "context, or a RUN line that fails, stops the build.",
        ]),
        Health("serves-health", "The container serves GET /health on port 8000", 2, hints=[
            "The container must start the server by itself: CMD (or ENTRYPOINT) runs uvicorn "
            "with the app, listening on all interfaces on port 8000.",
            "The server reads app/model.json beside app/main.py at start-up: the image must "
            "contain the whole app/ folder. Run the image and read its log.",
        ]),
        Predicts("predicts", "POST /predict answers the build context's model", 2, hints=[
            "The grader bakes a model.json of its own into the context; the image must serve "
            "whatever model.json it was built with, not a copy from elsewhere.",
            "Do not generate or download the model in the Dockerfile; COPY the app folder.",
        ]),
        NonRoot("non-root", "The service runs as a non-root user", 2, hints=[
            "Without a USER instruction, the process runs as root inside the container.",
            "Create an unprivileged user in a RUN step (useradd) and switch to it with USER "
            "before CMD; a numeric uid such as 10001 works too.",
        ]),
        Pinned("pinned", "The base image and every dependency are pinned", 1, hints=[
            "FROM python:3.11-slim names an exact tag; latest, or no tag, changes under you.",
            "Install with pip install --require-hashes -r requirements.txt, not by package "
            "names without versions.",
        ]),
        Small("small", "The image stays within its size budget", 1, hints=[
            "Everything in the build context that a COPY copies ends up in the image, "
            "including the training data folder.",
            "Copy only what the server needs (requirements.txt and app/), or list training/ "
            "in a .dockerignore.",
        ]),
        LayerCache("layer-cache", "A code change does not reinstall the dependencies", 1,
                   hints=[
            "Each instruction is a layer, rebuilt when its inputs change and then every "
            "layer after it.",
            "COPY requirements.txt and run pip install before you COPY the application code.",
        ]),
    ],
)
