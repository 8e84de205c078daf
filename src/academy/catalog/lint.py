"""``academy lint``: load the whole catalog and report every inconsistency.

Each problem is one sentence that names the file and what is wrong with it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from academy.catalog.load import (
    CatalogError,
    ExerciseEntry,
    load_module,
    load_taxonomy,
)
from academy.catalog.models import Module
from academy.grading.loader import GraderError, load_public, load_suite, wrong_solutions


def lint(root: Path) -> list[str]:
    """All problems found in the catalog under *root* (empty when it is clean)."""
    problems: list[str] = []
    try:
        taxonomy = load_taxonomy(root)
        skills = taxonomy.skill_ids()
    except CatalogError as exc:
        problems.append(str(exc))
        skills = set()
    modules_dir = root / "modules"
    if not modules_dir.is_dir():
        return [*problems, f"{modules_dir} is missing"]
    modules: dict[str, Module] = {}
    for folder in sorted(p for p in modules_dir.iterdir() if p.is_dir()):
        path = folder / "module.yaml"
        if not path.is_file():
            problems.append(f"{folder}: module folder without module.yaml")
            continue
        try:
            module = load_module(path)
        except CatalogError as exc:
            problems.append(str(exc))
            continue
        if module.id != folder.name:
            problems.append(f"{path}: id '{module.id}' does not match its folder name '{folder.name}'")
            continue
        modules[module.id] = module
    exercise_owner: dict[str, str] = {}
    for module in modules.values():
        problems += _lint_module(root, module, modules, skills, exercise_owner)
    problems += _orphans(root, modules)
    problems += _lint_environments(root)
    return problems


def _dupes(values: list[str]) -> list[str]:
    return sorted({v for v in values if values.count(v) > 1})


def _lint_module(root: Path, module: Module, modules: dict[str, Module], skills: set[str],
                 exercise_owner: dict[str, str]) -> list[str]:
    problems: list[str] = []
    folder = root / "modules" / module.id
    where = folder / "module.yaml"
    for prereq in module.prerequisites:
        if prereq == module.id:
            problems.append(f"{where}: a module cannot be its own prerequisite")
        elif prereq not in modules:
            problems.append(f"{where}: unknown prerequisite module '{prereq}'")
    lesson_ids = [lesson.id for lesson in module.lessons]
    for dupe in _dupes(lesson_ids):
        problems.append(f"{where}: duplicate lesson id '{dupe}'")
    for dupe in _dupes([lesson.file for lesson in module.lessons]):
        problems.append(f"{where}: lesson file '{dupe}' is listed twice")
    for lesson in module.lessons:
        if not (folder / lesson.file).is_file():
            problems.append(f"{where}: lesson '{lesson.id}' names a missing file {lesson.file}")
    listed = {lesson.file for lesson in module.lessons}
    for page in sorted((folder / "lessons").glob("*.md")) if (folder / "lessons").is_dir() else []:
        if f"lessons/{page.name}" not in listed:
            problems.append(f"{page}: lesson page is not listed in {where.name} (orphaned)")
    env_dir = root / "environments"
    envs = {module.environment} | {e.environment for e in module.exercises if e.environment}
    if env_dir.is_dir():
        for env in sorted(envs):
            if not (env_dir / env).is_dir():
                problems.append(f"{where}: unknown environment '{env}' (no environments/{env}/)")
    for dupe in _dupes([e.id for e in module.exercises]):
        problems.append(f"{where}: duplicate exercise id '{dupe}'")
    for spec in module.exercises:
        if spec.id in exercise_owner and exercise_owner[spec.id] != module.id:
            problems.append(f"{where}: exercise id '{spec.id}' is already used by module "
                            f"'{exercise_owner[spec.id]}' (exercise ids are unique across the catalog)")
            continue
        exercise_owner[spec.id] = module.id
        if spec.lesson not in lesson_ids:
            problems.append(f"{where}: exercise '{spec.id}' names unknown lesson '{spec.lesson}'")
        for skill in spec.skills:
            if skill.id not in skills:
                problems.append(f"{where}: exercise '{spec.id}' names unknown skill '{skill.id}'")
        for dupe in _dupes([s.id for s in spec.skills]):
            problems.append(f"{where}: exercise '{spec.id}' lists skill '{dupe}' twice")
        problems += _lint_exercise(ExerciseEntry(module, spec, root))
    return problems


def _notebook_problems(entry: ExerciseEntry) -> tuple[list[str], str]:
    path = entry.source
    if not path.is_file():
        return [f"{path}: source notebook of exercise '{entry.key}' is missing"], ""
    try:
        nb = json.loads(path.read_text())
    except ValueError:
        return [f"{path}: not valid JSON"], ""
    problems = []
    meta = nb.get("metadata", {}).get("academy", {})
    if meta.get("exercise") != entry.key:
        problems.append(f"{path}: metadata.academy.exercise must be '{entry.key}' "
                        f"(found {meta.get('exercise')!r})")
    code = "\n".join("".join(c.get("source", "")) for c in nb.get("cells", [])
                     if c.get("cell_type") == "code")
    if any(c.get("outputs") for c in nb.get("cells", []) if c.get("cell_type") == "code"):
        problems.append(f"{path}: code cells carry outputs; strip them before committing")
    if "BEGIN SOLUTION" not in code:
        problems.append(f"{path}: no '### BEGIN SOLUTION' region, so the student version would "
                        "contain the answer or nothing to do")
    return problems, code


def _lint_exercise(entry: ExerciseEntry) -> list[str]:
    problems, code = _notebook_problems(entry)
    grader = entry.grader
    for name in ("reference.py", "checks.py"):
        if not (grader / name).is_file():
            problems.append(f"{grader / name}: missing for exercise '{entry.key}'")
    if problems and not (grader / "checks.py").is_file():
        return problems
    try:
        suite = load_suite(grader)
        public = load_public(grader)
        wrongs = wrong_solutions(grader)
    except GraderError as exc:
        return [*problems, str(exc)]
    checks = grader / "checks.py"
    if suite.exercise != entry.key:
        problems.append(f"{checks}: SUITE.exercise is '{suite.exercise}', expected '{entry.key}'")
    hidden = [c for c in suite.checks if c.hidden]
    if not hidden:
        problems.append(f"{checks}: exercise '{entry.key}' has no hidden checks")
    public_ids = {str(spec.get("id")) for spec in public}
    suite_public = {c.id for c in suite.checks if not c.hidden}
    if public_ids != suite_public:
        problems.append(f"{checks}: public checks in SUITE {sorted(suite_public)} differ from "
                        f"public.py {sorted(public_ids)}")
    if abs(suite.total - entry.spec.points) > 1e-9:
        problems.append(f"{checks}: checks add up to {suite.total:g} points but module.yaml "
                        f"gives exercise '{entry.id}' {entry.spec.points:g}")
    for check in suite.checks:
        if check.points <= 0:
            problems.append(f"{checks}: check '{check.id}' has {check.points:g} points (must be > 0)")
        if check.hidden and len(check.hints) < 2:
            problems.append(f"{checks}: hidden check '{check.id}' needs at least two hints")
        for function in check.functions:
            if code and not re.search(rf"^\s*def {re.escape(function)}\(", code, re.MULTILINE):
                problems.append(f"{checks}: check '{check.id}' probes `{function}`, which "
                                f"{entry.source.name} does not define")
    ids = {c.id for c in suite.checks}
    targeted: set[str] = set()
    for wrong in wrongs:
        for target in wrong.fails:
            if target not in ids:
                problems.append(f"{wrong.path}: names unknown check '{target}'")
        targeted.update(wrong.fails)
    for check in hidden:
        if check.id not in targeted:
            problems.append(f"{checks}: hidden check '{check.id}' has no wrong-solution fixture "
                            f"in {grader / 'wrong'} that fails it")
    return problems


def _orphans(root: Path, modules: dict[str, Module]) -> list[str]:
    problems = []
    known = {(m.id, e.id) for m in modules.values() for e in m.exercises}
    for kind in ("exercises", "graders"):
        base = root / kind
        if not base.is_dir():
            continue
        for module_dir in sorted(p for p in base.iterdir() if p.is_dir()):
            for ex_dir in sorted(p for p in module_dir.iterdir() if p.is_dir()):
                if ex_dir.name.startswith(("_", ".")):
                    continue
                if (module_dir.name, ex_dir.name) not in known:
                    problems.append(f"{ex_dir}: not listed in any module.yaml (orphaned)")
    return problems


def _lint_environments(root: Path) -> list[str]:
    """Each environment loads, names an existing parent and has a lockfile."""
    from academy.environments import EnvError, Environments

    if not (root / "environments").is_dir():
        return []
    try:
        envs = Environments(root)
    except EnvError as exc:
        return [str(exc)]
    return [f"{env.lockfile}: missing; run `academy env lock {env.name}`"
            for env in envs.envs.values() if not env.lockfile.is_file()]
