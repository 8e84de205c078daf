"""manifest_for that records len(text), the number of characters, as the size: every file
with a non-ASCII character gets a size its bytes never match.

fails: manifest-example, manifest-random, verify-scenarios, load-guard
"""

import hashlib


def manifest_for(files, version):
    return {"version": version,
            "files": {name: {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                             "size": len(text)} for name, text in files.items()}}
