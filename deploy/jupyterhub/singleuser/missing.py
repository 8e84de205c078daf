"""Print the entries of a hash-locked requirements file that are not installed here.

An entry is a ``name==version \\`` line and its ``--hash`` continuation lines. A package
that is installed at any version is left out: the environment's own pin wins.
"""

import re
import sys
from importlib import metadata


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main(path: str) -> None:
    installed = {normalise(d.metadata["Name"]) for d in metadata.distributions()}
    keep = False
    for line in open(path, encoding="utf-8"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = re.match(r"^([A-Za-z0-9_.\-]+)==", stripped)
        if match:
            keep = normalise(match.group(1)) not in installed
        if keep:
            sys.stdout.write(line)


if __name__ == "__main__":
    main(sys.argv[1])
