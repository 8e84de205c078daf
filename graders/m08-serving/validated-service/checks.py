"""Checks for validated-service: the learner's FastAPI app is packaged by the grader, run
with no network and probed from outside.

The sandbox only hands back ``data/service/main.py``. Everything else happens here:

1. the grader builds an image ``FROM lab.service_base`` (the Python stand-in with the
   pinned fastapi, uvicorn, numpy...) holding the learner's ``main.py`` beside a *seeded*
   ``model.json`` that the learner has never seen, running as uid 10001 with uvicorn on
   port 8000; and a second image, the same in every way but serving the course's own
   ``course_service.py`` (the yardstick for the timing checks);
2. it sends hidden valid batches (predictions must match the seeded model, computed here),
   seeded malformed requests (each must get a 422 naming the broken field, and none may
   break the server), a closed-loop load of small batches at concurrency 4, and large
   batches of 1,000 rows;
3. timing budgets are absolute floors, raised to a multiple of what the course's service
   measured on the same machine in the same minute (interleaved), so that a busy grading
   machine does not fail correct services.
"""

from __future__ import annotations

import json
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

from . import reference
from .public import PUBLIC_CHECKS

HERE = Path(__file__).resolve().parent
MAIN = "data/service/main.py"
PORT = 8000
ATOL = 1e-5
LATENCY_FLOOR_MS = 100.0  # p95 of small batches at concurrency 4
LATENCY_FACTOR = 4.0  # ... or this multiple of the course service's p95, when larger
BATCH_FLOOR_MS = 100.0  # fastest 1,000-row batch minus fastest 1-row batch
BATCH_FACTOR = 8.0
WAVES, WAVE_SIZE, CONCURRENCY = 4, 30, 4

DOCKERFILE = """\
FROM {base}
ENV OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \\
    PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /srv
COPY main.py model.json /srv/
USER 10001
EXPOSE 8000
CMD ["python3", "-m", "uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", \\
     "--no-access-log"]
"""


# --- probing -------------------------------------------------------------------------------

def probe(service: Any, requests: list[dict[str, Any]], concurrency: int = 1) -> list[dict]:
    """Send *requests* from the service's prober. Every body goes as JSON, text bodies too, so
    that a malformed document (a bare NaN, a truncated object) reaches the app's parser."""
    prepared = [{"method": req.get("method", "POST"), "path": req["path"], "body": req.get("body"),
                 "headers": {"Content-Type": "application/json"} if req.get("body") is not None
                 else {}, "timeout": req.get("timeout", 5)} for req in requests]
    return [{"status": r.status, "body": r.body, "seconds": r.seconds, "error": r.error}
            for r in service.requests(prepared, concurrency)]


def package(lab: Any, files: dict[str, bytes]) -> Any:
    """Build one of the grader's images. Its Dockerfile only copies files, so a failure is
    the engine's, never the learner's: try twice, then let the record say "error"."""
    for _ in range(2):
        build = lab.build(files)
        if build.ok:
            return build
    raise RuntimeError(f"the grader's image did not build: {build.error}")


def parsed(response: dict) -> Any:
    try:
        return json.loads(response["body"])
    except ValueError:
        return None


def p95_ms(responses: list[dict]) -> float:
    return float(np.percentile([r["seconds"] * 1000 for r in responses], 95))


def predict(body: Any, timeout: float = 5) -> dict[str, Any]:
    return {"path": "/predict", "body": body, "timeout": timeout}


# --- the inspection ------------------------------------------------------------------------

class ServeAndProbe(Inspection):
    """Packages the learner's app with a seeded model, runs it next to the course's
    service, and probes both from outside."""

    needs_lab = True

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("academy:read_files", ([MAIN],))]

    def inspect(self, calls: Sequence[Call], answers: Sequence[Answer], lab: Any,
                rng: np.random.Generator) -> Evidence:
        files = answers[0].value if answers[0].ok and isinstance(answers[0].value, dict) else {}
        source = files.get(MAIN)
        if not isinstance(source, str) or not source.strip():
            return {"problem": f"the notebook did not write {MAIN}"}
        model = reference.seeded_model(rng)
        model_bytes = reference.model_json(model)
        valid = reference.valid_batches(rng)
        malformed = reference.malformed_requests(rng)
        after = [reference.random_row(rng) for _ in range(int(rng.integers(2, 6)))]
        load = [[reference.random_row(rng) for _ in range(int(rng.integers(1, 6)))]
                for _ in range(WAVES * WAVE_SIZE)]
        big = [reference.random_row(rng, edge=rng.random() < 0.1)
               for _ in range(reference.MAX_ROWS)]
        evidence: Evidence = {
            "model_version": model["version"],
            "expected": [reference.probabilities(model, rows) for rows in valid],
        }
        dockerfile = DOCKERFILE.format(base=lab.service_base).encode()
        build = package(lab, {"Dockerfile": dockerfile, "main.py": source.encode(),
                              "model.json": model_bytes})
        course = package(lab, {"Dockerfile": dockerfile, "model.json": model_bytes,
                               "main.py": (HERE / "course_service.py").read_bytes()})
        with lab.serve(build.image, port=PORT, ready_path="/health",
                       ready_timeout=40) as svc:
            evidence["ready"] = svc.ready
            if not svc.ready:
                evidence["logs"] = svc.logs()[-800:]
                return evidence
            health = probe(svc, [{"method": "GET", "path": "/health"}])[0]
            evidence["health"] = {"status": health["status"], "json": parsed(health)}
            answers_ = probe(svc, [predict({"rows": rows}) for rows in valid])
            evidence["valid"] = [{"status": r["status"], "json": parsed(r)} for r in answers_]
            bad = probe(svc, [predict(case["body"]) for case in malformed]
                        + [predict({"rows": after})])
            evidence["malformed"] = [
                {"kind": case["kind"], "field": case["field"], "status": r["status"],
                 "names_field": case["field"] is None or _names(r["body"], case["field"]),
                 "error": r["error"]}
                for case, r in zip(malformed, bad[:-1], strict=True)]
            after_json = parsed(bad[-1])
            evidence["after"] = {"status": bad[-1]["status"],
                                 "rows": len(after),
                                 "answered": isinstance(after_json, dict)}
            evidence["running"] = svc.running()
            if not evidence["running"]:
                evidence["logs"] = svc.logs()[-800:]
                return evidence
            with lab.serve(course.image, port=PORT, ready_path="/health",
                           ready_timeout=40) as ref:
                if not ref.ready:
                    raise RuntimeError("the course's own service did not start")
                evidence["latency"] = self.load_test(svc, ref, load)
                evidence["batch"] = self.batch_test(svc, ref, big)
        return evidence

    @staticmethod
    def load_test(svc: Any, ref: Any, bodies: list[list[dict]]) -> dict[str, Any]:
        """Waves of small batches at concurrency 4, alternating between the two services;
        stops early once the learner's p95 is far beyond any budget."""
        warm = [predict({"rows": rows}) for rows in bodies[:CONCURRENCY * 2]]
        probe(ref, warm, CONCURRENCY)
        probe(svc, warm, CONCURRENCY)
        mine: list[dict] = []
        theirs: list[dict] = []
        for wave in range(WAVES):
            chunk = [predict({"rows": rows})
                     for rows in bodies[wave * WAVE_SIZE:(wave + 1) * WAVE_SIZE]]
            theirs += probe(ref, chunk, CONCURRENCY)
            mine += probe(svc, chunk, CONCURRENCY)
            budget = max(LATENCY_FLOOR_MS, LATENCY_FACTOR * p95_ms(theirs))
            if p95_ms(mine) > 3 * budget:
                break
        return {"p95_ms": round(p95_ms(mine), 1), "course_p95_ms": round(p95_ms(theirs), 1),
                "budget_ms": round(max(LATENCY_FLOOR_MS, LATENCY_FACTOR * p95_ms(theirs)), 1),
                "requests": len(mine),
                "failed": sum(1 for r in mine if r["status"] != 200)}

    @staticmethod
    def batch_test(svc: Any, ref: Any, rows: list[dict]) -> dict[str, Any]:
        """What 999 more rows cost: the fastest 1,000-row request minus the fastest 1-row
        request, on each service, alternating (fixed costs per request cancel out)."""
        large = predict(json.dumps({"rows": rows}), timeout=20)
        small = predict(json.dumps({"rows": rows[:1]}))
        probe(ref, [small, large])
        first = probe(svc, [small, large])
        mine, theirs = [first], []
        for _ in range(3):
            theirs.append(probe(ref, [small, large]))
            if first[1]["seconds"] > 3:
                continue  # far too slow: no need to wait for more
            mine.append(probe(svc, [small, large]))
        measured = mine[1:] or mine

        def extra(pairs: list[list[dict]]) -> float:
            return 1000 * (min(p[1]["seconds"] for p in pairs)
                           - min(p[0]["seconds"] for p in pairs))

        course = max(extra(theirs), 0.0)
        return {"extra_ms": round(extra(measured), 1), "course_extra_ms": round(course, 1),
                "large_ms": round(1000 * min(p[1]["seconds"] for p in measured), 1),
                "budget_ms": round(max(BATCH_FLOOR_MS, BATCH_FACTOR * course), 1),
                "statuses": sorted({r["status"] for p in mine for r in p}, key=str),
                "answered": isinstance(parsed(first[1]), dict)}


def _names(body: str, field: str) -> bool:
    """Does the error body name *field* as a word (``hour``, not ``hours``)?"""
    import re

    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(field)}(?![A-Za-z0-9_])", body) is not None


# --- the checks ----------------------------------------------------------------------------

class ServiceCheck(EvidenceCheck):
    """Shared plumbing: every check needs a service that started and kept running."""

    def no_service(self, evidence: Evidence) -> Verdict | None:
        if "problem" in evidence:
            return Verdict(False, evidence["problem"])
        if not evidence.get("ready"):
            lines = (evidence.get("logs") or "").strip().splitlines()
            tail = f" (its last log line: {lines[-1][:200]})" if lines else ""
            return Verdict(False, "`uvicorn main:app` did not answer GET /health within 40 s "
                                  f"of starting{tail}")
        return None

    def stopped(self, evidence: Evidence) -> Verdict | None:
        if "latency" not in evidence:
            lines = (evidence.get("logs") or "").strip().splitlines()
            tail = f" (its last log line: {lines[-1][:200]})" if lines else ""
            return Verdict(False, "the service stopped during the malformed requests, before "
                                  f"the load test{tail}")
        return None


class Serves(ServiceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_service(evidence)
        if failed:
            return failed
        health = evidence.get("health") or {}
        body = health.get("json")
        if health.get("status") != 200 or not isinstance(body, dict):
            return Verdict(False, f"GET /health answered {health.get('status')} without a "
                                  "JSON object")
        if body.get("status") != "ok" or body.get("model_version") != evidence["model_version"]:
            return Verdict(False, "GET /health must answer {\"status\": \"ok\", "
                                  "\"model_version\": ...} with the version of the "
                                  "model.json beside main.py")
        return Verdict(True, self.title)


class Predictions(ServiceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_service(evidence)
        if failed:
            return failed
        wrong = 0
        for answer, expected in zip(evidence["valid"], evidence["expected"], strict=True):
            body = answer.get("json")
            if answer.get("status") != 200:
                return Verdict(False, f"POST /predict answered {answer.get('status')} to a "
                                      f"valid batch of {len(expected)} rows")
            got = body.get("probabilities") if isinstance(body, dict) else None
            if not isinstance(got, list) or len(got) != len(expected):
                return Verdict(False, "POST /predict must answer {\"model_version\": ..., "
                                      "\"probabilities\": [...]} with one probability per "
                                      "row, in the order of the rows")
            if body.get("model_version") != evidence["model_version"]:
                return Verdict(False, "the model_version of POST /predict is not the "
                                      "version of the model.json beside main.py")
            try:
                close = np.allclose(np.asarray(got, dtype=float), expected, atol=ATOL, rtol=0)
            except (TypeError, ValueError):
                close = False
            wrong += not close
        if wrong:
            return Verdict(False, f"the probabilities differ from the model's on {wrong} of "
                                  f"{len(evidence['expected'])} hidden valid batches")
        return Verdict(True, self.title)


class RejectsInvalid(ServiceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_service(evidence)
        if failed:
            return failed
        missed = [m for m in evidence["malformed"] if m["status"] != 422]
        if missed:
            kinds = sorted({f"{m['kind']} (answered {m['status']})" for m in missed})
            return Verdict(False, f"{len(missed)} of {len(evidence['malformed'])} malformed "
                                  "requests did not get a 422: " + "; ".join(kinds))
        return Verdict(True, self.title)


class NamesField(ServiceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_service(evidence)
        if failed:
            return failed
        judged = [m for m in evidence["malformed"] if m["status"] == 422 and m["field"]]
        if not judged:
            return Verdict(False, "no malformed request with a broken field was answered with "
                                  "a 422, so no error body could be read")
        silent = sorted({m["kind"] for m in judged if not m["names_field"]})
        if silent:
            return Verdict(False, "the 422 body does not name the offending field for: "
                                  + ", ".join(silent))
        return Verdict(True, self.title)


class Survives(ServiceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_service(evidence)
        if failed:
            return failed
        broken = [m for m in evidence["malformed"]
                  if m["status"] is None or m["status"] >= 500]
        if broken:
            kinds = sorted({f"{m['kind']} ({m['status'] or 'no answer'})" for m in broken})
            return Verdict(False, "malformed requests broke the server instead of being "
                                  "rejected: " + "; ".join(kinds))
        if not evidence.get("running"):
            return Verdict(False, "the service stopped after the malformed requests")
        after = evidence["after"]
        if after["status"] != 200 or not after["answered"]:
            return Verdict(False, "after the malformed requests, a valid batch got "
                                  f"{after['status']} instead of 200 and an answer")
        return Verdict(True, self.title)


class Latency(ServiceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_service(evidence) or self.stopped(evidence)
        if failed:
            return failed
        load = evidence["latency"]
        if load["failed"]:
            return Verdict(False, f"{load['failed']} of {load['requests']} requests of the "
                                  "load test did not get a 200")
        if load["p95_ms"] > load["budget_ms"]:
            return Verdict(False, f"under {CONCURRENCY} concurrent callers sending batches "
                                  f"of 1 to 5 rows, the p95 latency was {load['p95_ms']:.0f} "
                                  f"ms, over the {load['budget_ms']:.0f} ms budget")
        return Verdict(True, self.title)


class Batching(ServiceCheck):
    def judge_evidence(self, evidence: Evidence) -> Verdict:
        failed = self.no_service(evidence) or self.stopped(evidence)
        if failed:
            return failed
        batch = evidence["batch"]
        if batch["statuses"] != [200] or not batch["answered"]:
            return Verdict(False, f"valid batches of 1 and {reference.MAX_ROWS} rows got "
                                  f"{batch['statuses']} instead of 200 and an answer")
        if batch["extra_ms"] > batch["budget_ms"]:
            return Verdict(False, f"a batch of {reference.MAX_ROWS} rows took "
                                  f"{batch['extra_ms']:.0f} ms longer than a batch of one row, "
                                  f"over the {batch['budget_ms']:.0f} ms budget for the extra "
                                  f"{reference.MAX_ROWS - 1} rows (the course's service needed "
                                  f"{batch['course_extra_ms']:.0f} ms more on the same machine)")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m08-serving/validated-service",
    inspection=ServeAndProbe(),
    checks=public_checks(PUBLIC_CHECKS) + [
        Serves("serves", "The service starts and answers GET /health with the model version",
               1, hints=[
            "The grader starts your file with `uvicorn main:app` from the folder that holds "
            "it and model.json, as uid 10001 on a read-only file system. Does the module "
            "define `app` and find model.json beside itself wherever it is started from?",
            "Load Path(__file__).with_name('model.json'), not a path relative to the current "
            "directory; GET /health answers {\"status\": \"ok\", \"model_version\": "
            "model['version']}.",
        ]),
        Predictions("predictions", "POST /predict answers the model's probabilities for "
                    "hidden batches", 2, hints=[
            "The grader bakes a model.json of its own (same format, new weights) beside "
            "main.py and compares your probabilities with the ones its weights give, for "
            "batches of 1 to a few hundred rows, some on the bounds of the contract.",
            "Check the input vector: the four numeric features standardised with mean and "
            "scale, then express as 0/1, then the one-hot region in the order of "
            "model['regions'], then zone_embedding[zone]; ReLU between layers, a sigmoid "
            "at the end of each member, the mean over all members. Answer "
            "{\"model_version\", \"probabilities\"} with one float per row, in order.",
        ]),
        RejectsInvalid("rejects-invalid", "Every malformed request gets a 422", 2, hints=[
            "The hidden requests include a missing field, a value of the wrong type, values "
            "outside each numeric range, an unknown region, an empty batch, a batch that is "
            "too long and a body that is not JSON. Which of these does your schema accept?",
            "Declare the contract in pydantic: Field(gt=..., ge=..., le=...) on every number, "
            "Literal[...] (or an Enum) for region, and Field(min_length=1, max_length=1000) on "
            "rows; take the body as that model, not as a dict, and FastAPI answers 422.",
        ]),
        NamesField("names-field", "The 422 body names the field that broke the contract", 1,
                   hints=[
            "A caller who gets a 422 must be able to find the problem in a batch of a "
            "thousand rows. Read your 422 bodies: does each one say which field is wrong?",
            "FastAPI's default 422 lists each error's `loc`, such as [\"body\", \"rows\", 3, "
            "\"hour\"]; a custom handler must keep the field path (e.g. rows.3.hour), not "
            "replace it with a generic message.",
        ]),
        Survives("survives", "Malformed requests never break the server", 1, hints=[
            "A malformed request must be rejected, never answered with a 500 or a dropped "
            "connection, and the next valid request must work as before.",
            "Errors that escape the handler (KeyError, IndexError, a failing custom "
            "exception handler) become 500s: validate before you compute, and test your "
            "422 handler on an empty batch and on a body that is not JSON too.",
        ]),
        Latency("latency", f"p95 latency under {CONCURRENCY} concurrent callers stays in "
                "budget", 2, hints=[
            f"The grader sends {WAVES * WAVE_SIZE} requests of 1 to 5 rows with "
            f"{CONCURRENCY} callers at a time and measures from outside the container. What "
            "does your handler do on every request that it could do once?",
            "Parse model.json and build the numpy arrays once, at start-up (in the lifespan, "
            "or at import), and keep them; a request handler only computes.",
        ]),
        Batching("batching", f"A batch of {reference.MAX_ROWS} rows is answered within budget",
                 1, hints=[
            "Time your handler on 1,000 rows in the notebook: the cost per row of a batch "
            "should be a small fraction of the cost of a request of one row.",
            "Build one array of shape (rows, features) for the whole batch and push it "
            "through each layer with one matrix product; no Python loop over rows (a loop "
            "over the 48 members is fine).",
        ]),
    ],
)
