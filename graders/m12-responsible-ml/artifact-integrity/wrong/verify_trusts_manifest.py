"""verify that compares the files with the manifest but never checks the manifest's signature:
an attacker who rewrites the manifest goes unnoticed.

fails: verify-scenarios, load-guard
"""


def verify(files, manifest, signature, key):
    listed = manifest["files"]
    actual = manifest_for(files, manifest["version"])["files"]  # noqa: F821
    problems = []
    for name, entry in listed.items():
        if name not in actual:
            problems.append(f"missing:{name}")
        elif actual[name] != entry:
            problems.append(f"changed:{name}")
    problems += [f"unexpected:{name}" for name in actual if name not in listed]
    return sorted(problems)
