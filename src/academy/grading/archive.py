"""Submissions that arrive as zip or tar archives (from an LMS or an e-mail).

The archive is read in memory and never extracted: only the one notebook in
it is read, with a size cap. An archive that holds a path leaving its folder
(``../``, an absolute path), a link, a device, or more than one notebook is
refused with a reason, so a hostile archive cannot write anywhere.
"""

from __future__ import annotations

import stat
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")
MAX_MEMBERS = 1000
IGNORED_PARTS = {".ipynb_checkpoints", "__MACOSX"}


class ArchiveRefused(Exception):
    """The archive cannot be graded; the message is one sentence for the learner."""


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def archive_stem(path: Path) -> str:
    name = path.name
    for suffix in ARCHIVE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _check_name(name: str) -> PurePosixPath:
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or name.startswith(("/", "\\")) or ".." in pure.parts:
        raise ArchiveRefused(f"the archive holds a path that leaves its folder ({name[:80]}); "
                             "it was refused")
    return pure


def _pick(names: list[PurePosixPath]) -> PurePosixPath:
    notebooks = [n for n in names if n.suffix == ".ipynb" and not IGNORED_PARTS & set(n.parts)]
    if not notebooks:
        raise ArchiveRefused("the archive holds no notebook (.ipynb)")
    if len(notebooks) > 1:
        listed = ", ".join(str(n) for n in notebooks[:3])
        raise ArchiveRefused(f"the archive holds {len(notebooks)} notebooks ({listed}); "
                             "submit one notebook per archive")
    return notebooks[0]


def read_archive_notebook(path: Path, limit: int) -> bytes:
    """The bytes of the single notebook inside the archive at *path*."""
    try:
        if path.name.lower().endswith(".zip"):
            return _from_zip(path, limit)
        return _from_tar(path, limit)
    except ArchiveRefused:
        raise
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError, ValueError) as exc:
        raise ArchiveRefused(f"the archive cannot be read ({type(exc).__name__}); is it "
                             "damaged?") from exc


def _from_zip(path: Path, limit: int) -> bytes:
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveRefused(f"the archive holds over {MAX_MEMBERS} files")
        by_name = {}
        for info in infos:
            pure = _check_name(info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise ArchiveRefused(f"the archive holds a link ({info.filename[:80]}); "
                                     "it was refused")
            if info.is_dir():
                continue
            by_name[pure] = info
        chosen = by_name[_pick(list(by_name))]
        if chosen.file_size > limit:
            raise ArchiveRefused(f"the notebook in the archive is over {limit // 2**20} MB")
        with archive.open(chosen) as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise ArchiveRefused(f"the notebook in the archive is over {limit // 2**20} MB")
        return data


def _from_tar(path: Path, limit: int) -> bytes:
    with tarfile.open(path, mode="r:*") as archive:
        by_name = {}
        for count, member in enumerate(archive):
            if count >= MAX_MEMBERS:
                raise ArchiveRefused(f"the archive holds over {MAX_MEMBERS} files")
            pure = _check_name(member.name)
            if member.issym() or member.islnk():
                raise ArchiveRefused(f"the archive holds a link ({member.name[:80]} -> "
                                     f"{member.linkname[:80]}); it was refused")
            if member.isdir():
                continue
            if not member.isfile():
                raise ArchiveRefused(f"the archive holds a device or special file "
                                     f"({member.name[:80]}); it was refused")
            by_name[pure] = member
        chosen = by_name[_pick(list(by_name))]
        if chosen.size > limit:
            raise ArchiveRefused(f"the notebook in the archive is over {limit // 2**20} MB")
        handle = archive.extractfile(chosen)
        if handle is None:  # pragma: no cover - regular files always have a handle
            raise ArchiveRefused("the notebook in the archive cannot be read")
        with handle:
            return handle.read(limit + 1)
