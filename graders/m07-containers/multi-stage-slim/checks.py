"""Checks for multi-stage-slim: the learner rewrites a bloated single-stage Dockerfile as a
multi-stage build. The grader builds both — the given bloated one and the learner's — from
the same context with the real engine, offline, and compares them:

* the learner's image must still train the model *during the build* (the context holds a
  seeded training table the learner has never seen) and serve exactly that model;
* it must add at most ``RATIO`` of what the bloated image adds to the base;
* its final stage must hold no training libraries and no training data;
* it must run as a non-root user.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from academy.grading.checks import (
    Answer,
    Call,
    Evidence,
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
CONTEXT = HERE.parents[2] / "exercises" / HERE.parent.name / HERE.name / "data" / "service"
DOCKERFILE = "data/service/Dockerfile"
DOCKERIGNORE = "data/service/.dockerignore"
PORT = 8000
RATIO = 0.4
# Looks inside the final image from a trusted snippet run with the image's own python.
LOOK_INSIDE = r"""
import json, os
found = {"libraries": [], "training_data": []}
for top, dirs, files in os.walk("/"):
    if top in ("/proc", "/sys", "/dev"):
        dirs[:] = []
        continue
    for d in dirs:
        if d in ("sklearn", "pandas", "scipy") and "site-packages" in top:
            found["libraries"].append(os.path.join(top, d))
    for f in files:
        if f == "train.csv" or os.path.basename(top) == "training":
            found["training_data"].append(os.path.join(top, f))
print(json.dumps(found))
"""
_BLOATED: dict[str, float] = {}


def context_files(training_csv: bytes) -> dict[str, bytes]:
    files = {str(p.relative_to(CONTEXT)): p.read_bytes()
             for p in sorted(CONTEXT.rglob("*")) if p.is_file()
             and p.name not in ("Dockerfile", ".dockerignore")}
    files["training/train.csv"] = training_csv
    return files


def bloated_added_mb(lab: Any, base_mb: float) -> float:
    """What the given single-stage image adds to the base; built once per process and
    stand-in (its size does not depend on the seeded table, which is a few hundred kB)."""
    files = context_files((CONTEXT / "training" / "sample.csv").read_bytes())
    files["Dockerfile"] = files.pop("Dockerfile.bloated")
    key = hashlib.sha256(lab.standin.encode() + json.dumps(
        {k: hashlib.sha256(v).hexdigest() for k, v in sorted(files.items())}).encode()
    ).hexdigest()
    if key not in _BLOATED:
        build = lab.build(files)
        if not build.ok:
            raise RuntimeError(f"the given bloated Dockerfile did not build: {build.error}")
        _BLOATED[key] = round((build.size_mb or 0) - base_mb, 1)
    return _BLOATED[key]


class BuildCompareProbe(Inspection):
    needs_lab = True

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:read_files", ([DOCKERFILE, DOCKERIGNORE],))]

    def inspect(self, calls: Sequence[Call], answers: Sequence[Answer], lab: Any,
                rng: np.random.Generator) -> Evidence:
        files = answers[0].value if answers[0].ok and isinstance(answers[0].value, dict) else {}
        text, ignore = files.get(DOCKERFILE), files.get(DOCKERIGNORE)
        if not isinstance(text, str):
            return {"problem": f"the notebook did not write {DOCKERFILE}"}
        try:
            instructions = df.parse(text)
        except df.DockerfileError as exc:
            return {"problem": f"the Dockerfile cannot be read: {exc}"}
        csv = reference.training_csv(reference.training_table(rng))
        rows = reference.hidden_rows(rng)
        evidence: Evidence = {
            "advice": df.hadolint_advice(text),
            "user": df.final_user(instructions),
            "expected": reference.trained_probabilities(csv, rows),
            "model_version": "trained-" + hashlib.sha256(csv).hexdigest()[:12],
        }
        context = context_files(csv)
        context["Dockerfile"] = text.encode()
        if isinstance(ignore, str):
            context[".dockerignore"] = ignore.encode()
        context = df.apply_dockerignore(context, ignore if isinstance(ignore, str) else None)
        build = lab.build(context)
        evidence["build"] = {"ok": build.ok, "error": build.error, "size_mb": build.size_mb,
                             "user": build.user, "seconds": build.seconds}
        if not build.ok:
            return evidence
        base_mb = lab.client.images.get(lab.standin).attrs.get("Size", 0) / 1e6
        evidence["added_mb"] = round((build.size_mb or 0) - base_mb, 1)
        evidence["bloated_added_mb"] = bloated_added_mb(lab, base_mb)
        with lab.serve(build.image, port=PORT, ready_path="/health", ready_timeout=40) as svc:
            evidence["ready"] = svc.ready
            health = svc.request("GET", "/health")
            predict = svc.request("POST", "/predict", {"rows": rows}, timeout=10)
            evidence["health"] = {"status": health.status, "json": health.json()}
            evidence["predict"] = {"status": predict.status, "json": predict.json()}
            evidence["uids"] = svc.process_uids()
            if not svc.ready:
                evidence["logs"] = svc.logs()[-600:]
                evidence["down"] = svc.problem
        look = lab.run(build.image, ["-c", LOOK_INSIDE], entrypoint=["python3"], user="0",
                       timeout=60)
        try:
            evidence["inside"] = json.loads(look.output.strip().splitlines()[-1])
        except (ValueError, IndexError):
            evidence["inside"] = {"error": f"python3 could not run in the image "
                                           f"(exit {look.exit_code})"}
        return evidence


class ServesTrainedModel(ImageCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_image(evidence)
        if failed:
            return failed
        failed = not_answering(evidence, PORT, 40)
        if failed:
            return failed
        health = evidence["health"]
        body = health.get("json") if isinstance(health.get("json"), dict) else {}
        if body.get("model_version") != evidence["model_version"]:
            return Verdict(False, "GET /health does not report a model trained on the "
                                  "training table of this build context")
        predict = evidence.get("predict") or {}
        got = predict["json"].get("probabilities") if isinstance(predict.get("json"),
                                                                 dict) else None
        expected = evidence["expected"]
        if not isinstance(got, list) or len(got) != len(expected) or not np.allclose(
                np.asarray(got, dtype=float), expected, atol=1e-6):
            return Verdict(False, "POST /predict does not answer with the model train.py "
                                  "trains from this build context")
        return Verdict(True, self.title)


class Shrinks(ImageCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_image(evidence)
        if failed:
            return failed
        added, bloated = evidence["added_mb"], evidence["bloated_added_mb"]
        if added > RATIO * bloated:
            return Verdict(False, f"the image adds {added:.0f} MB to its base; the single-stage "
                                  f"one adds {bloated:.0f} MB, and the target is at most "
                                  f"{RATIO:.0%} of that ({RATIO * bloated:.0f} MB)")
        return Verdict(True, f"{self.title}: {added:.0f} MB added against {bloated:.0f} MB")


class RuntimeOnly(ImageCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_image(evidence)
        if failed:
            return failed
        inside = evidence.get("inside") or {}
        if "error" in inside:
            return Verdict(False, inside["error"])
        if inside.get("libraries"):
            names = sorted({Path(p).name for p in inside["libraries"]})
            return Verdict(False, "the final image still holds training libraries: "
                                  + ", ".join(names))
        if inside.get("training_data"):
            return Verdict(False, "the final image holds the training data (train.csv)")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m07-containers/multi-stage-slim",
    inspection=BuildCompareProbe(),
    checks=public_checks(PUBLIC_CHECKS) + [
        Builds("builds", "The multi-stage image builds offline", 2, hints=[
            "Every stage builds from the same context: data/service. COPY --from names a "
            "stage by its AS name.",
            "Read the builder's error in the message: which step failed, and why.",
        ]),
        ServesTrainedModel("serves-trained-model",
                           "It serves the model trained during the build", 3, hints=[
            "The model must still be trained by train.py inside the build, from the "
            "context's training/train.csv; the grader puts a table you have not seen there.",
            "Run train.py in the training stage, then COPY --from that stage only the "
            "app/model.json it writes, next to app/main.py in the final stage.",
        ]),
        Shrinks("shrinks", f"The image adds at most {RATIO:.0%} of what the single-stage one "
                "adds", 3, hints=[
            "What makes the single-stage image big is what only training needs: scipy, "
            "scikit-learn and pandas.",
            "Install requirements-train.txt only in the training stage; the final stage "
            "installs requirements.txt alone and copies nothing else from the training "
            "stage but the model.",
        ]),
        RuntimeOnly("runtime-only", "No training libraries or data in the final image", 2,
                    hints=[
            "Copying a whole Python installation or site-packages from the training stage "
            "brings scikit-learn along.",
            "COPY . . in the final stage brings training/train.csv along: copy app/ alone, "
            "or list training/ in a .dockerignore.",
        ]),
        NonRoot("non-root", "The final stage runs as a non-root user", 1, hints=[
            "USER applies to the stage it is in; the final stage needs its own.",
            "Create the user in the final stage (useradd) and switch with USER before CMD.",
        ]),
    ],
)
