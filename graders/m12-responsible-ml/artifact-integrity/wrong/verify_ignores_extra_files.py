"""verify that only checks the files the manifest lists, so a file slipped into the bundle
is never reported.

fails: verify-example, verify-scenarios
"""

import hmac


def verify(files, manifest, signature, key):
    if not hmac.compare_digest(sign_manifest(manifest, key), signature):  # noqa: F821
        return ["signature"]
    actual = manifest_for(files, manifest["version"])["files"]  # noqa: F821
    problems = []
    for name, entry in manifest["files"].items():
        if name not in actual:
            problems.append(f"missing:{name}")
        elif actual[name] != entry:
            problems.append(f"changed:{name}")
    return sorted(problems)
