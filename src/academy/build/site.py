"""``academy build site``: the course site, rendered by mkdocs-material, offline.

The lessons stay where authors write them (``modules/<id>/lessons``). This
builder lays out a docs folder in ``build/site-src``: a home page, a page per
module (objectives, skills, exercises with their student notebooks to
download) and the lesson pages, each followed by the exercises of its
section, taken from the catalog (one fact, one home). It then builds with
``mkdocs build --strict``. Mermaid is vendored from the npm registry, so no
page contacts a CDN.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

from academy.build.student import build_exercise
from academy.catalog.load import Catalog, ExerciseEntry

MERMAID_VERSION = "11.17.2"
LEVELS = {1: "junior", 2: "mid", 3: "senior"}


class SiteError(Exception):
    """The site could not be built; the message says why in one sentence."""


def vendor_mermaid(cache: Path) -> Path:
    """``mermaid.min.js`` from the npm registry, cached under *cache*."""
    target = cache / f"mermaid-{MERMAID_VERSION}.min.js"
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise SiteError("npm is needed once to fetch mermaid for offline diagrams; "
                        "install it (apt-get install npm)")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(  # noqa: S603
            [npm, "pack", f"mermaid@{MERMAID_VERSION}", "--silent", "--pack-destination", tmp],
            capture_output=True, text=True, check=False)
        tarballs = list(Path(tmp).glob("mermaid-*.tgz"))
        if proc.returncode != 0 or not tarballs:
            raise SiteError(f"npm could not fetch mermaid@{MERMAID_VERSION}: "
                            f"{(proc.stderr or proc.stdout).strip()[-200:]}")
        with tarfile.open(tarballs[0]) as tar:
            member = tar.extractfile("package/dist/mermaid.min.js")
            if member is None:
                raise SiteError("the mermaid package has no dist/mermaid.min.js")
            target.write_bytes(member.read())
    return target


def _skill_title(catalog: Catalog, skill_id: str) -> str:
    area, name = skill_id.split(".", 1)
    return catalog.taxonomy.areas[area].skills[name].title


def _exercise_block(catalog: Catalog, entry: ExerciseEntry, depth: int) -> str:
    up = "../" * depth
    skills = ", ".join(f"{_skill_title(catalog, s.id)} (`{s.id}`, {LEVELS[s.level]})"
                       for s in entry.spec.skills)
    return (f"### {entry.spec.title}\n\n{entry.spec.summary}\n\n"
            f"- **Points:** {entry.spec.points:g} · **Time:** about {entry.spec.minutes} minutes"
            f" · **Environment:** `{entry.environment}`\n"
            f"- **Skills:** {skills}\n"
            f"- **Notebook:** [download {entry.id}.zip]({up}downloads/{entry.module.id}/"
            f"{entry.id}.zip) — unzip, open `{entry.id}.ipynb` in Jupyter, run the `check()` "
            f"cells; grade with `academy grade {entry.id}.ipynb`.\n"
            f"- **On the course hub:** `academy fetch {entry.key}` in your server's terminal, "
            f"then `academy submit {entry.key}` when done.\n")


def _anchor(title: str) -> str:
    """The id mkdocs' toc extension gives a heading."""
    return re.sub(r"[\s-]+", "-", re.sub(r"[^\w\s-]", "", title).strip().lower())


def _module_page(catalog: Catalog, module_id: str) -> str:
    module = catalog.modules[module_id]
    entries = [e for e in catalog.exercises() if e.module.id == module_id]
    lines = [f"# {module.title}\n", f"{module.summary}\n", "## Learning objectives\n"]
    lines += [f"- {o}" for o in module.objectives]
    lines += ["", "## Lessons\n"]
    lines += [f"{i}. [{lesson.title}]({Path(lesson.file).name})"
              for i, lesson in enumerate(module.lessons, 1)]
    if module.prerequisites:
        lines += ["", "**Prerequisites:** " + ", ".join(
            f"[{catalog.modules[p].title}](../{p}/index.md)" for p in module.prerequisites)]
    skills = sorted({s.id for e in entries for s in e.spec.skills})
    if skills:
        lines += ["", "## Skills assessed\n", "| skill | id | exercises |", "|---|---|---|"]
        for sid in skills:
            names = ", ".join(e.spec.title for e in entries if any(s.id == sid for s in e.spec.skills))
            lines.append(f"| {_skill_title(catalog, sid)} | `{sid}` | {names} |")
    lines += ["", "## Exercises\n"]
    lines += [_exercise_block(catalog, e, 1) for e in entries] or ["No exercises yet.\n"]
    return "\n".join(lines) + "\n"


def _home(catalog: Catalog) -> str:
    lines = ["# ML Engineering Academy\n",
             "Lessons and hands-on exercises that retrain data scientists and software "
             "engineers as ML engineers. Every exercise is auto-graded: your code runs in a "
             "sandbox, and trusted checks outside it judge the answers.\n",
             "| module | lessons | exercises |", "|---|---|---|"]
    for module in catalog.modules.values():
        lines.append(f"| [{module.title}]({module.id}/index.md) | {len(module.lessons)} | "
                     f"{len(module.exercises)} |")
    return "\n".join(lines) + "\n"


def lay_out(catalog: Catalog, src: Path, students: Path, mermaid: Path) -> list[dict]:
    """Write the docs folder under *src*; return the mkdocs navigation."""
    docs = src / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "assets" / "javascripts").mkdir(parents=True)
    shutil.copy2(mermaid, docs / "assets" / "javascripts" / "mermaid.min.js")
    (docs / "index.md").write_text(_home(catalog))
    nav: list[dict] = [{"Home": "index.md"}]
    for module_id, module in catalog.modules.items():
        folder = catalog.module_dirs[module_id]
        out = docs / module_id
        out.mkdir()
        (out / "index.md").write_text(_module_page(catalog, module_id))
        pages: list[dict | str] = [f"{module_id}/index.md"]
        for lesson in module.lessons:
            text = (folder / lesson.file).read_text()
            entries = [e for e in catalog.exercises()
                       if e.module.id == module_id and e.spec.lesson == lesson.id]
            if entries:
                text += "\n\n## Exercises for this section\n\n" + "\n".join(
                    _exercise_block(catalog, e, 1) for e in entries)
            elif module.exercises:
                text += ("\n\n## Exercises\n\nThis section has no exercise of its own; "
                         "practise it with the module's exercises: " + ", ".join(
                             f"[{e.title}](index.md#{_anchor(e.title)})" for e in module.exercises)
                         + ".\n")
            (out / Path(lesson.file).name).write_text(text)
            pages.append({lesson.title: f"{module_id}/{Path(lesson.file).name}"})
        img = folder / "img"
        if img.is_dir():
            shutil.copytree(img, out / "img")
        nav.append({module.title: pages})
    downloads = docs / "downloads"
    for entry in catalog.exercises():
        build = build_exercise(entry, students)
        dest = downloads / entry.module.id / build.archive.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(build.archive, dest)
    return nav


def build_site(catalog: Catalog, out: Path, work: Path) -> Path:
    """Build the site into *out*; *work* holds generated sources and caches."""
    mermaid = vendor_mermaid(work / "vendor")
    src = work / "site-src"
    nav = lay_out(catalog, src, work / "student", mermaid)
    base = (catalog.root / "site" / "mkdocs.yml").read_text()
    config = src / "mkdocs.yml"
    config.write_text(base + "\n# generated by academy build site\n" + yaml.safe_dump(
        {"docs_dir": str((src / "docs").resolve()), "site_dir": str(out.resolve()), "nav": nav},
        sort_keys=False))
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)],
        capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        detail = [ln for ln in proc.stderr.splitlines() if "WARNING" in ln or "ERROR" in ln]
        raise SiteError("mkdocs build --strict failed: " + ("; ".join(detail[:5]) or
                                                            proc.stderr.strip()[-300:]))
    return out
