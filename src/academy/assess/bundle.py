"""``academy assess create`` and ``academy assess issue``: one bundle per candidate.

An assessment folder holds::

    assessment.json          the resolved spec (exercises, weights, skills, levels)
    secret.key               0600; keys the variant seeds and signs the manifests
    starter/<m>/<e>/...      the student versions everyone starts from
    issued/<cid>/...         the candidate's bundle (also issued/<cid>.zip, to send)
    issued/<cid>.manifest.json   what was issued: every file's hash, every locked
                             cell's hash, the seed, issue time and deadline; signed

The manifest stays with the issuer: a candidate who edits the copy of anything
cannot edit the record of what they were given. A candidate's **variant** is a
seed derived from the secret and their id: hidden inputs at grading time come
from it, and an exercise whose grader folder has ``variant.py`` (``make_variant
(seed, folder) -> dict``) also gets its data and parameters regenerated, so
answers cannot be passed from one candidate to another.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import importlib.util
import json
import os
import re
import secrets
import shutil
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from academy.assess.spec import SpecError, load_spec, resolve
from academy.catalog.load import Catalog

CANDIDATE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
HELPERS = "_academy"
RESERVED_IDS = {"comparison"}  # reports/comparison.html is the page comparing everyone


class AssessError(Exception):
    """One sentence for the user."""


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise AssessError(f"{text!r} is not an ISO 8601 time (e.g. 2026-12-06T09:00:00Z)") \
            from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass
class Assessment:
    folder: Path
    data: dict[str, Any]
    secret: bytes

    @classmethod
    def open(cls, folder: Path) -> Assessment:
        meta = folder / "assessment.json"
        if not meta.is_file():
            raise AssessError(f"{folder} holds no assessment (no assessment.json); make one "
                              "with 'academy assess create SPEC.yaml --out DIR'")
        return cls(folder, json.loads(meta.read_text()),
                   bytes.fromhex((folder / "secret.key").read_text().strip()))

    @property
    def id(self) -> str:
        return str(self.data["id"])

    def seed_for(self, candidate: str) -> int:
        digest = hmac.new(self.secret, f"{self.id}:{candidate}".encode(), hashlib.sha256)
        return int.from_bytes(digest.digest()[:4], "big") & 0x7FFFFFFF

    def sign(self, data: dict[str, Any]) -> str:
        return hmac.new(self.secret, canonical(data), hashlib.sha256).hexdigest()

    def manifest_path(self, candidate: str) -> Path:
        return self.folder / "issued" / f"{candidate}.manifest.json"

    def manifest(self, candidate: str) -> dict[str, Any]:
        path = self.manifest_path(candidate)
        data = json.loads(path.read_text())
        signature = data.pop("signature", "")
        if not hmac.compare_digest(signature, self.sign(data)):
            raise AssessError(f"{path} does not carry a valid signature: the record of what "
                              f"{candidate} was issued has been altered")
        return dict(data)

    def candidates(self) -> list[str]:
        issued = self.folder / "issued"
        return sorted(p.name[:-len(".manifest.json")] for p in issued.glob("*.manifest.json")) \
            if issued.is_dir() else []

    def notebook_rel(self, key: str) -> str:
        module, exercise = key.split("/")
        return f"{module}/{exercise}/{exercise}.ipynb"


def create(spec_path: Path, out: Path, catalog: Catalog) -> Assessment:
    """Resolve the spec, build the starter notebooks, make the secret."""
    from academy.build.student import BuildError, build_exercise

    try:
        resolved = resolve(load_spec(spec_path), catalog)
    except SpecError as exc:
        raise AssessError(str(exc)) from exc
    if (out / "assessment.json").exists():
        raise AssessError(f"{out} already holds an assessment; its secret keys issued bundles, "
                          "so it is not replaced (choose another --out)")
    out.mkdir(parents=True, exist_ok=True)
    starter = out / "starter"
    try:
        for exercise in resolved["exercises"]:
            build_exercise(catalog.exercise(exercise["key"]), starter)
    except BuildError as exc:
        raise AssessError(str(exc)) from exc
    for archive in starter.glob("*/*.zip"):
        archive.unlink()
    key = out / "secret.key"
    fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    resolved["created_at"] = iso(now_utc())
    (out / "assessment.json").write_text(json.dumps(resolved, indent=1) + "\n")
    return Assessment.open(out)


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    email: str = ""


def read_candidates(path: Path) -> list[Candidate]:
    """A CSV (id,name[,email] with a header) or a YAML list of {id, name, email}."""
    if not path.is_file():
        raise AssessError(f"{path} does not exist")
    text = path.read_text()
    rows: list[dict[str, Any]]
    if path.suffix in (".yaml", ".yml"):
        try:
            loaded = yaml.safe_load(text)
        except yaml.YAMLError:
            raise AssessError(f"{path} is not valid YAML") from None
        if not isinstance(loaded, list) or not all(isinstance(r, dict) for r in loaded):
            raise AssessError(f"{path} must be a list of {{id, name, email}}")
        rows = loaded
    else:
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or "id" not in reader.fieldnames:
            raise AssessError(f"{path} needs a header line with at least 'id' and 'name'")
        rows = list(reader)
    out: list[Candidate] = []
    for n, row in enumerate(rows, start=1):
        cid = str(row.get("id") or "").strip()
        if not CANDIDATE_ID.match(cid) or cid in RESERVED_IDS:
            raise AssessError(f"{path}, candidate {n}: id {cid!r} must be lower-case letters, "
                              "digits, - and _ (and not 'comparison')")
        if any(c.id == cid for c in out):
            raise AssessError(f"{path}: the candidate id {cid} appears twice")
        out.append(Candidate(cid, str(row.get("name") or cid).strip(),
                             str(row.get("email") or "").strip()))
    if not out:
        raise AssessError(f"{path} lists no candidates")
    return out


def locked_cells(notebook: dict[str, Any]) -> dict[str, str]:
    """grade_id -> sha256 of the source, for every cell nbgrader locks."""
    cells = {}
    for cell in notebook.get("cells", []):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if meta.get("locked") and not meta.get("solution") and meta.get("grade_id"):
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            cells[str(meta["grade_id"])] = hashlib.sha256(text.encode()).hexdigest()
    return cells


def _apply_variant(entry_grader: Path, seed: int, folder: Path) -> dict[str, Any]:
    script = entry_grader / "variant.py"
    if not script.is_file():
        return {}
    spec = importlib.util.spec_from_file_location(f"_variant_{seed}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    params = module.make_variant(seed, folder)
    return dict(params or {})


def issue(assessment: Assessment, candidates: list[Candidate], catalog: Catalog, *,
          start: datetime | None = None) -> list[Path]:
    """A bundle, a zip and a signed manifest per candidate not yet issued."""
    issued_dir = assessment.folder / "issued"
    issued_dir.mkdir(exist_ok=True)
    made = []
    begin = start or now_utc()
    deadline = begin + timedelta(minutes=int(assessment.data["time_limit_minutes"]))
    for cand in candidates:
        if assessment.manifest_path(cand.id).exists():
            continue  # issued before: never overwritten
        bundle = issued_dir / cand.id
        if bundle.exists():
            shutil.rmtree(bundle)  # a half-made bundle from an interrupted run
        seed = assessment.seed_for(cand.id)
        variants = {}
        for exercise in assessment.data["exercises"]:
            module, ex_id = exercise["key"].split("/")
            src = assessment.folder / "starter" / module / ex_id
            dest = bundle / module / ex_id
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__"))
            variants[exercise["key"]] = _apply_variant(catalog.exercise(exercise["key"]).grader,
                                                       seed, dest)
            nb_path = dest / f"{ex_id}.ipynb"
            nb = json.loads(nb_path.read_text())
            nb.setdefault("metadata", {}).setdefault("academy", {})["assessment"] = {
                "id": assessment.id, "candidate": cand.id}
            nb_path.write_text(json.dumps(nb, indent=1) + "\n")
        (bundle / "README.md").write_text(_readme(assessment, cand, begin, deadline))
        files = {str(p.relative_to(bundle)): sha256_file(p)
                 for p in sorted(bundle.rglob("*")) if p.is_file()}
        locked = {assessment.notebook_rel(e["key"]): locked_cells(
            json.loads((bundle / assessment.notebook_rel(e["key"])).read_text()))
            for e in assessment.data["exercises"]}
        manifest = {"assessment": assessment.id, "candidate": cand.id, "name": cand.name,
                    "email": cand.email, "seed": seed, "issued_at": iso(begin),
                    "deadline": iso(deadline), "files": files, "locked_cells": locked,
                    "variants": variants}
        archive = issued_dir / f"{cand.id}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(bundle.rglob("*")):
                if path.is_file():
                    zf.write(path, Path(cand.id) / path.relative_to(bundle))
        signed = {**manifest, "signature": assessment.sign(manifest)}
        assessment.manifest_path(cand.id).write_text(json.dumps(signed, indent=1) + "\n")
        made.append(archive)
    return made


def _readme(assessment: Assessment, cand: Candidate, begin: datetime, deadline: datetime) -> str:
    lines = [f"# {assessment.data['title']}", "",
             f"Candidate: {cand.name} (`{cand.id}`)", "",
             f"Issued {iso(begin)}; hand in by **{iso(deadline)}** "
             f"({assessment.data['time_limit_minutes']} minutes).", "",
             "Exercises (open each notebook in Jupyter; run its `check()` cells for feedback on "
             "public examples; hidden checks run when your work is graded):", ""]
    for ex in assessment.data["exercises"]:
        lines.append(f"- `{assessment.notebook_rel(ex['key'])}` — {ex['title']} "
                     f"({ex['points'] * ex['weight']:g} points)")
    lines += ["", "Work only in the cells marked for your answers. Do not edit the other "
              "cells or the `_academy` folders: every file issued is recorded, and changes to "
              "them are reported.", "",
              "To hand in, zip this folder as it is (its name is your candidate id) and send "
              "the zip back.", ""]
    return "\n".join(lines)
