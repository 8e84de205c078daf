"""A Dockerfile read as data: instructions, stages, and the facts checks judge.

Parsing follows the reference's rules that matter for judging: ``#`` comments and
parser directives at line starts, ``\\`` line continuations, keywords in any case,
exec (JSON) and shell forms. Nothing here runs anything.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass


@dataclass(frozen=True)
class Instruction:
    keyword: str
    """Upper-case keyword: FROM, RUN, COPY..."""
    value: str
    """Everything after the keyword, continuations joined with a space."""
    line: int
    """1-based line where the instruction starts."""
    stage: int
    """Index of the build stage (0 for the first FROM)."""

    def words(self) -> list[str]:
        """The arguments: the JSON array of the exec form, else shell words."""
        text = self.value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
                if isinstance(parsed, list) and all(isinstance(w, str) for w in parsed):
                    return parsed
            except ValueError:
                pass
        try:
            return shlex.split(text, comments=False)
        except ValueError:
            return text.split()


KEYWORDS = {"FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY",
            "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
            "HEALTHCHECK", "SHELL"}


class DockerfileError(ValueError):
    """Text that is not a Dockerfile; the message says why in one sentence."""


def parse(text: str) -> list[Instruction]:
    instructions: list[Instruction] = []
    stage = -1
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if pending and line.lstrip().startswith("#"):
            continue  # comment lines inside a continued instruction are skipped
        if not pending:
            start = number
        if line.endswith("\\"):
            pending.append(line[:-1])
            continue
        pending.append(line)
        joined = " ".join(part.strip() for part in pending).strip()
        pending = []
        keyword, _, value = joined.partition(" ")
        keyword = keyword.upper()
        if keyword not in KEYWORDS:
            raise DockerfileError(f"line {start}: {keyword!r} is not a Dockerfile instruction")
        if keyword == "FROM":
            stage += 1
        elif stage < 0 and keyword != "ARG":
            raise DockerfileError(f"line {start}: {keyword} comes before the first FROM")
        instructions.append(Instruction(keyword, value.strip(), start, max(stage, 0)))
    if pending:
        raise DockerfileError("the last instruction ends with a line continuation")
    if stage < 0:
        raise DockerfileError("there is no FROM instruction")
    return instructions


@dataclass(frozen=True)
class Base:
    image: str
    alias: str | None
    stage: int


def bases(instructions: list[Instruction]) -> list[Base]:
    """FROM of each stage: the image (or earlier stage) and the stage's name."""
    out = []
    for ins in instructions:
        if ins.keyword != "FROM":
            continue
        words = [w for w in ins.words() if not w.startswith("--")]
        image = words[0] if words else ""
        alias = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
        out.append(Base(image, alias, ins.stage))
    return out


def image_tag(image: str) -> str | None:
    """The tag of an image reference (None when it has none, '@digest' when pinned by digest)."""
    if "@" in image:
        return "@" + image.split("@", 1)[1]
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None


def unpinned_bases(instructions: list[Instruction]) -> list[str]:
    """Base images (not earlier stages) with no tag or the tag ``latest``."""
    stages = set()
    out = []
    for base in bases(instructions):
        if base.image.lower() not in stages and not base.image.startswith("$"):
            tag = image_tag(base.image)
            if tag is None or tag == "latest":
                out.append(base.image)
        if base.alias:
            stages.add(base.alias.lower())
    return out


def final_stage(instructions: list[Instruction]) -> list[Instruction]:
    last = max((i.stage for i in instructions), default=0)
    return [i for i in instructions if i.stage == last]


def final_user(instructions: list[Instruction]) -> str:
    """The USER in force at the end of the final stage ('' when never set: root)."""
    user = ""
    for ins in final_stage(instructions):
        if ins.keyword == "USER":
            user = ins.value.strip()
    return user


def is_root(user: str) -> bool:
    name = user.split(":", 1)[0].strip()
    return name in ("", "root", "0")


def pip_installs(instructions: list[Instruction]) -> list[tuple[Instruction, list[str]]]:
    """Each ``pip install`` inside a RUN, with its arguments (up to the next shell operator)."""
    out = []
    for ins in instructions:
        if ins.keyword != "RUN":
            continue
        words = ins.words()
        for i, word in enumerate(words):
            if word == "install" and i > 0 and re.fullmatch(
                    r"pip(3(\.\d+)?)?", words[i - 1].rsplit("/", 1)[-1]):
                args = []
                for arg in words[i + 1:]:
                    if arg in ("&&", "||", ";", "|") or arg.endswith(";"):
                        break
                    args.append(arg)
                out.append((ins, args))
    return out


OPTIONS_WITH_VALUE = {"-r", "--requirement", "-c", "--constraint", "-i", "--index-url",
                      "--extra-index-url", "-f", "--find-links", "--cert", "-t", "--target",
                      "--prefix", "--root", "--trusted-host", "--platform", "--python-version",
                      "--implementation", "--abi", "--progress-bar", "--cache-dir", "--src",
                      "-e", "--editable"}


def unpinned_packages(args: list[str]) -> list[str]:
    """Packages a ``pip install`` names without an exact ``==`` version (or a file/URL)."""
    out = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in OPTIONS_WITH_VALUE:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        if arg.startswith((".", "/")) or arg.endswith((".whl", ".tar.gz")) or "://" in arg:
            continue
        if not re.search(r"===?[^=*]+$", arg) or "*" in arg:
            out.append(arg)
    return out


def requirement_files(args: list[str]) -> list[str]:
    files = []
    for i, arg in enumerate(args):
        if arg in ("-r", "--requirement") and i + 1 < len(args):
            files.append(args[i + 1])
        elif arg.startswith("--requirement="):
            files.append(arg.split("=", 1)[1])
    return files


def apply_dockerignore(files: dict[str, bytes], dockerignore: str | None) -> dict[str, bytes]:
    """The context the docker CLI would send: *files* minus what ``.dockerignore`` excludes
    (the engine does not filter a context it is given as a tar; the client does)."""
    if not dockerignore:
        return dict(files)
    import tempfile
    from pathlib import Path

    from docker.utils.build import exclude_paths

    patterns = [line.strip() for line in dockerignore.splitlines()
                if line.strip() and not line.strip().startswith("#")]
    with tempfile.TemporaryDirectory(prefix="academy-context-") as tmp:
        for name, data in files.items():
            path = Path(tmp) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        kept = exclude_paths(tmp, patterns, dockerfile="Dockerfile")
    return {name: data for name, data in files.items() if name in kept
            or name in ("Dockerfile", ".dockerignore")}


def hadolint_advice(text: str, timeout: float = 20) -> list[str]:
    """hadolint's findings as one line each (advice only; empty when hadolint is absent)."""
    import json as _json
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    binary = Path(sys.prefix) / "bin" / "hadolint"
    found = str(binary) if binary.is_file() else shutil.which("hadolint")
    if found is None:
        return []
    try:
        proc = subprocess.run([found, "--no-color", "-f", "json", "-"], input=text,  # noqa: S603
                              capture_output=True, text=True, timeout=timeout, check=False)
        rows = _json.loads(proc.stdout or "[]")
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return []
    return [f"hadolint {r.get('code')} (line {r.get('line')}): {r.get('message')}"
            for r in rows if isinstance(r, dict)][:20]
