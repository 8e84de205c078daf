"""Checks for artifact-integrity: the public examples plus hidden random bundles.

Bundles are small model releases (JSON weights, thresholds, vocabularies, a
README) whose texts mix ASCII and non-ASCII characters, so sizes in bytes and
in characters differ. Verification scenarios cover a clean bundle, changed,
missing and unexpected files, several problems at once, a manifest rewritten by
an attacker who cannot re-sign it, a verifier holding another key, and a
manifest whose keys arrive in another order than they were signed in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np

from academy.grading.checks import (
    AgreesWithReference,
    Answer,
    Call,
    HiddenCheck,
    Suite,
    Verdict,
    public_checks,
)

from . import reference
from .public import PUBLIC_CHECKS

TEXT_FILES = ["vocab.txt", "labels.txt", "README.md", "NOTICE"]
JSON_FILES = ["model.json", "thresholds.json", "preprocess.json", "calibration.json"]
WORDS = ["churn", "risk", "score", "café", "naïve", "Zürich", "東京", "→", "été", "data",
         "ß", "model", "œuvre", "fraud", "ñandú"]


def _text(rng: np.random.Generator) -> str:
    lines = [" ".join(str(w) for w in rng.choice(WORDS, size=int(rng.integers(2, 8))))
             for _ in range(int(rng.integers(1, 6)))]
    return "\n".join(lines) + "\n"


def _json(rng: np.random.Generator) -> str:
    doc = {"name": str(rng.choice(WORDS)),
           "weights": [round(float(v), 4) for v in rng.normal(size=int(rng.integers(2, 6)))],
           "threshold": round(float(rng.uniform(0.2, 0.8)), 3),
           "labels": [str(w) for w in rng.choice(WORDS, size=2, replace=False)]}
    return json.dumps(doc, ensure_ascii=False)


def random_bundle(rng: np.random.Generator) -> dict[str, str]:
    names = [str(n) for n in rng.choice(JSON_FILES, size=int(rng.integers(1, 3)), replace=False)]
    names += [str(n) for n in rng.choice(TEXT_FILES, size=int(rng.integers(1, 3)), replace=False)]
    return {str(name): _json(rng) if str(name).endswith(".json") else _text(rng)
            for name in rng.permutation(names)}


def random_key(rng: np.random.Generator) -> str:
    if rng.random() < 0.5:
        return "".join(f"{b:02x}" for b in rng.integers(0, 256, size=32))
    return "clé-" + "-".join(str(w) for w in rng.choice(["ember", "tide", "orbit", "lilac"], 3))


def _version(rng: np.random.Generator) -> str:
    return ".".join(str(int(v)) for v in rng.integers(0, 20, size=3))


def _shuffled(manifest: dict, rng: np.random.Generator) -> dict:
    """The same manifest with its keys inserted in another order (JSON order is not meaning)."""
    files = manifest["files"]
    entries = {str(name): dict(reversed(list(files[str(name)].items())))
               for name in rng.permutation(list(files))}
    return {"files": entries, "version": manifest["version"]}


def _tweak(text: str, rng: np.random.Generator) -> str:
    """Change one ASCII character into another: same size, different digest."""
    positions = [i for i, ch in enumerate(text) if ch.isascii() and ch.isalnum()]
    i = int(rng.choice(positions))
    new = "x" if text[i] != "x" else "y"
    return text[:i] + new + text[i + 1:]


# --- manifest and signature --------------------------------------------------------------------

def manifest_inputs(rng: np.random.Generator) -> list:
    return [((random_bundle(rng), _version(rng)), {}) for _ in range(4)]


def sign_inputs(rng: np.random.Generator) -> list:
    cases = []
    for _ in range(4):
        manifest = reference.manifest_for(random_bundle(rng), _version(rng))
        cases.append(((_shuffled(manifest, rng), random_key(rng)), {}))
    return cases


# --- verification ------------------------------------------------------------------------------

def signed(rng: np.random.Generator) -> tuple[dict, dict, str, str]:
    files = random_bundle(rng)
    manifest = reference.manifest_for(files, _version(rng))
    key = random_key(rng)
    return files, manifest, reference.sign_manifest(manifest, key), key


def verify_inputs(rng: np.random.Generator) -> list:
    cases = []
    files, manifest, sig, key = signed(rng)
    cases.append(((files, manifest, sig, key), {}))                               # clean
    cases.append(((files, _shuffled(manifest, rng), sig, key), {}))               # key order
    files, manifest, sig, key = signed(rng)
    name = str(rng.choice(list(files)))
    cases.append((({**files, name: _tweak(files[name], rng)}, manifest, sig, key), {}))
    files, manifest, sig, key = signed(rng)
    gone = str(rng.choice(list(files)))
    cases.append((({k: v for k, v in files.items() if k != gone}, manifest, sig, key), {}))
    files, manifest, sig, key = signed(rng)
    cases.append((({**files, "patch.py": "import os\n"}, manifest, sig, key), {}))
    files, manifest, sig, key = signed(rng)                                       # several
    names = list(files)
    changed = {k: (_tweak(v, rng) if k == names[0] else v) for k, v in files.items()
               if k != names[-1]}
    cases.append((({**changed, "extra.bin.txt": _text(rng)}, manifest, sig, key), {}))
    files, manifest, sig, key = signed(rng)                                       # forged
    name = str(rng.choice(list(files)))
    evil = {**files, name: files[name] + "backdoor = True\n"}
    forged = reference.manifest_for(evil, manifest["version"])
    cases.append(((evil, forged, sig, key), {}))
    files, manifest, sig, key = signed(rng)                                       # other key
    cases.append(((files, manifest, sig, random_key(rng) + "-other"), {}))
    return cases


class LoadGuard(HiddenCheck):
    """Clean bundles load; anything wrong anywhere in the bundle refuses to load."""

    function = "load_verified"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(2):  # clean
            files, manifest, sig, key = signed(rng)
            target = next(n for n in files if n.endswith(".json"))
            calls.append(Call("load_verified", (files, manifest, sig, key, target)))
        files, manifest, sig, key = signed(rng)  # the requested file itself changed
        target = next(n for n in files if n.endswith(".json"))
        bad = json.loads(files[target])
        bad["threshold"] = 0.01
        calls.append(Call("load_verified", ({**files, target: json.dumps(bad, ensure_ascii=False)},
                                            manifest, sig, key, target)))
        files, manifest, sig, key = signed(rng)  # another file of the bundle changed
        target = next(n for n in files if n.endswith(".json"))
        other = next(n for n in files if n != target)
        calls.append(Call("load_verified", ({**files, other: _tweak(files[other], rng)},
                                            manifest, sig, key, target)))
        files, manifest, sig, key = signed(rng)  # forged manifest, digest recomputed
        target = next(n for n in files if n.endswith(".json"))
        doc = json.loads(files[target])
        doc["threshold"] = 0.99
        evil = {**files, target: json.dumps(doc, ensure_ascii=False)}
        calls.append(Call("load_verified", (evil, reference.manifest_for(evil, manifest["version"]),
                                            sig, key, target)))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        for call, answer in zip(calls[:2], answers[:2], strict=True):
            if not answer.ok:
                return Verdict(False, "`load_verified` refused a bundle that verifies (or "
                                      f"failed: {(answer.error or '')[:80]})")
            if answer.value != reference.load_verified(*call.args):
                return Verdict(False, "`load_verified` did not return the parsed JSON of the "
                                      "requested file for a bundle that verifies")
        leaked = 0
        for answer in answers[2:]:
            error = answer.error or ""
            if answer.ok or error.startswith(("NotImplementedError", "Timeout", "MemoryError")):
                leaked += 1
        if leaked:
            return Verdict(False, f"`load_verified` returned data from {leaked} of "
                                  f"{len(calls) - 2} bundles that fail verification")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m12-responsible-ml/artifact-integrity",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "manifest-random", "manifest_for on random bundles with non-ASCII text", 2,
            "manifest_for", manifest_inputs, reference.manifest_for,
            message="manifest_for disagrees with the SHA-256 and byte size of each file",
            hints=["What is written to disk is bytes. Does your size count characters or "
                   "bytes for a file containing 'Zürich' or '東京'?",
                   "data = text.encode('utf-8'); sha256 = hashlib.sha256(data).hexdigest(); "
                   "size = len(data); every file of the bundle gets an entry."]),
        AgreesWithReference(
            "sign-random", "sign_manifest on random manifests, keys and key orders", 2,
            "sign_manifest", sign_inputs, reference.sign_manifest,
            message="sign_manifest disagrees with HMAC-SHA256 over the canonical JSON",
            hints=["Two dicts with the same content but keys inserted in another order must "
                   "get the same signature. Does yours? And is your key really the HMAC key?",
                   "Sign json.dumps(manifest, sort_keys=True, separators=(',', ':')) encoded "
                   "as UTF-8 with hmac.new(key.encode('utf-8'), message, hashlib.sha256); a "
                   "hash of key + message is not an HMAC."]),
        AgreesWithReference(
            "verify-scenarios", "verify on clean, damaged and forged bundles", 3,
            "verify", verify_inputs, reference.verify,
            message="verify does not report exactly the problems of the bundle",
            hints=["Build test bundles: one intact, one with a changed file, one with a file "
                   "missing, one with an extra file, one whose manifest an attacker rewrote "
                   "without the key. What should each report?",
                   "First recompute the signature of the manifest and compare it with "
                   "hmac.compare_digest: if it differs return ['signature'] and trust nothing "
                   "else. Otherwise list 'missing:', 'changed:' (digest or size) and "
                   "'unexpected:' problems for every file, sorted."]),
        LoadGuard(
            "load-guard", "load_verified loads only bundles that verify", 2,
            hints=["Tamper with a file other than the one you load, and with the manifest: "
                   "does your function still hand the data over?",
                   "Call verify on the whole bundle first and raise ValueError if it reports "
                   "anything; only then json.loads the requested file."]),
    ],
)
