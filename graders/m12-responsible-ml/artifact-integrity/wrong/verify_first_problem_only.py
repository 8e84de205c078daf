"""verify that stops at the first problem it finds, so an incident report lists one file
when several were touched.

fails: verify-example, verify-scenarios
"""

import hmac


def verify(files, manifest, signature, key):
    if not hmac.compare_digest(sign_manifest(manifest, key), signature):  # noqa: F821
        return ["signature"]
    actual = manifest_for(files, manifest["version"])["files"]  # noqa: F821
    for name, entry in sorted(manifest["files"].items()):
        if name not in actual:
            return [f"missing:{name}"]
        if actual[name] != entry:
            return [f"changed:{name}"]
    for name in sorted(actual):
        if name not in manifest["files"]:
            return [f"unexpected:{name}"]
    return []
