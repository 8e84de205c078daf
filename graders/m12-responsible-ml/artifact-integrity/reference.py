"""Oracle for artifact-integrity. Runs only in the grader, never in a sandbox.

A bundle is a dict {file name: text content}; its bytes are the UTF-8 encoding of
each text. The manifest lists every file's SHA-256 and size in bytes; it is
signed with HMAC-SHA256 over its canonical JSON (sorted keys, no spaces).
"""

from __future__ import annotations

import hashlib
import hmac
import json


def manifest_for(files, version):
    """{"version": version, "files": {name: {"sha256": hex, "size": bytes}}}."""
    entries = {}
    for name, text in files.items():
        data = text.encode("utf-8")
        entries[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    return {"version": version, "files": entries}


def canonical(manifest) -> bytes:
    return json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign_manifest(manifest, key):
    return hmac.new(key.encode("utf-8"), canonical(manifest), hashlib.sha256).hexdigest()


def verify(files, manifest, signature, key):
    """Sorted problems; ["signature"] alone when the manifest is not authentic; [] if sound."""
    if not hmac.compare_digest(sign_manifest(manifest, key), signature):
        return ["signature"]
    problems = []
    listed = manifest["files"]
    for name, entry in listed.items():
        if name not in files:
            problems.append(f"missing:{name}")
            continue
        data = files[name].encode("utf-8")
        if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(f"changed:{name}")
    problems += [f"unexpected:{name}" for name in files if name not in listed]
    return sorted(problems)


def load_verified(files, manifest, signature, key, name):
    """json.loads of one file, only when the whole bundle verifies; ValueError otherwise."""
    problems = verify(files, manifest, signature, key)
    if problems:
        raise ValueError(f"bundle failed verification: {', '.join(problems)}")
    return json.loads(files[name])
