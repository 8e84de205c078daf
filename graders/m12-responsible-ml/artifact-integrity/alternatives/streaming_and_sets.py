"""A correct solution written differently: digests fed in chunks (as for large files),
hmac.digest for the signature, and set algebra for the verification."""

import hashlib
import hmac
import json


def _digest_and_size(text):
    data = text.encode("utf-8")
    h = hashlib.sha256()
    for start in range(0, len(data), 7):  # chunked, as one would stream a large file
        h.update(data[start:start + 7])
    return h.hexdigest(), len(data)


def manifest_for(files, version):
    out = {"version": version, "files": {}}
    for name in files:
        digest, size = _digest_and_size(files[name])
        out["files"][name] = {"size": size, "sha256": digest}
    return out


def sign_manifest(manifest, key):
    body = json.dumps(manifest, separators=(",", ":"), sort_keys=True)
    return hmac.digest(key.encode("utf-8"), body.encode("utf-8"), "sha256").hex()


def verify(files, manifest, signature, key):
    if not hmac.compare_digest(sign_manifest(manifest, key).encode(), signature.encode()):
        return ["signature"]
    listed, present = set(manifest["files"]), set(files)
    problems = {f"missing:{n}" for n in listed - present}
    problems |= {f"unexpected:{n}" for n in present - listed}
    for n in listed & present:
        digest, size = _digest_and_size(files[n])
        entry = manifest["files"][n]
        if (digest, size) != (entry["sha256"], entry["size"]):
            problems.add(f"changed:{n}")
    return sorted(problems)


class IntegrityError(ValueError):
    """A bundle that must not be loaded."""


def load_verified(files, manifest, signature, key, name):
    problems = verify(files, manifest, signature, key)
    if problems:
        raise IntegrityError("; ".join(problems))
    return json.loads(files[name])
