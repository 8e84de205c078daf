"""`academy lint` on broken catalogs: each fault gets its own precise message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from academy.catalog.lint import lint

from ..conftest import ROOT

EX = "metrics-from-scratch"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A copy of the real catalog cut down to one module with one exercise."""
    for name in ("catalog", "site"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "modules" / "m04-evaluation", tmp_path / "modules" / "m04-evaluation")
    for kind in ("exercises", "graders"):
        shutil.copytree(ROOT / kind / "m04-evaluation" / EX, tmp_path / kind / "m04-evaluation" / EX,
                        ignore=shutil.ignore_patterns("__pycache__"))
    module = _module(tmp_path)
    module["exercises"] = [e for e in module["exercises"] if e["id"] == EX]
    _save(tmp_path, module)
    return tmp_path


def _module(root: Path) -> dict:
    return yaml.safe_load((root / "modules/m04-evaluation/module.yaml").read_text())


def _save(root: Path, module: dict) -> None:
    (root / "modules/m04-evaluation/module.yaml").write_text(yaml.safe_dump(module, sort_keys=False))


def _grader(root: Path) -> Path:
    return root / "graders/m04-evaluation" / EX


def only(problems: list[str], needle: str) -> None:
    assert problems, "lint found nothing"
    assert any(needle in p for p in problems), problems


def test_clean_catalog_passes(tiny):
    assert lint(tiny) == []


def test_the_repository_catalog_is_clean():
    assert lint(ROOT) == []


def test_unknown_skill(tiny):
    module = _module(tiny)
    module["exercises"][0]["skills"].append({"id": "evaluation.telepathy", "level": 2})
    _save(tiny, module)
    only(lint(tiny), f"exercise '{EX}' names unknown skill 'evaluation.telepathy'")


def test_duplicate_exercise_id(tiny):
    module = _module(tiny)
    module["exercises"].append(dict(module["exercises"][0]))
    _save(tiny, module)
    only(lint(tiny), f"duplicate exercise id '{EX}'")


def test_exercise_id_reused_by_another_module(tiny):
    other = tiny / "modules/m99-other"
    other.mkdir()
    module = _module(tiny)
    module["id"] = "m99-other"
    (other / "lessons").mkdir()
    for lesson in module["lessons"]:
        shutil.copy(tiny / "modules/m04-evaluation" / lesson["file"], other / lesson["file"])
    (other / "module.yaml").write_text(yaml.safe_dump(module))
    only(lint(tiny), f"exercise id '{EX}' is already used by module 'm04-evaluation'")


def test_module_id_must_match_folder(tiny):
    module = _module(tiny)
    module["id"] = "m05-other"
    _save(tiny, module)
    only(lint(tiny), "id 'm05-other' does not match its folder name 'm04-evaluation'")


def test_unknown_prerequisite_and_lesson(tiny):
    module = _module(tiny)
    module["prerequisites"] = ["m00-nowhere"]
    module["exercises"][0]["lesson"] = "astrology"
    _save(tiny, module)
    problems = lint(tiny)
    only(problems, "unknown prerequisite module 'm00-nowhere'")
    only(problems, f"exercise '{EX}' names unknown lesson 'astrology'")


def test_missing_lesson_file_and_orphan_page(tiny):
    lessons = tiny / "modules/m04-evaluation/lessons"
    (lessons / "01-metrics-and-costs.md").rename(lessons / "99-renamed.md")
    problems = lint(tiny)
    only(problems, "lesson 'metrics' names a missing file lessons/01-metrics-and-costs.md")
    only(problems, "99-renamed.md: lesson page is not listed in module.yaml (orphaned)")


def test_missing_source_notebook_and_reference(tiny):
    (tiny / "exercises/m04-evaluation" / EX / "source.ipynb").unlink()
    (_grader(tiny) / "reference.py").unlink()
    problems = lint(tiny)
    only(problems, f"source notebook of exercise 'm04-evaluation/{EX}' is missing")
    only(problems, "reference.py: missing for exercise")


def test_orphaned_exercise_folder(tiny):
    (tiny / "exercises/m04-evaluation/ghost").mkdir()
    only(lint(tiny), "exercises/m04-evaluation/ghost: not listed in any module.yaml (orphaned)")


def test_inconsistent_points(tiny):
    module = _module(tiny)
    module["exercises"][0]["points"] = 13
    _save(tiny, module)
    only(lint(tiny), f"checks add up to 12 points but module.yaml gives exercise '{EX}' 13")


def test_exercise_without_hidden_checks(tiny):
    checks = _grader(tiny) / "checks.py"
    text = checks.read_text()
    start = text.index("        AgreesWithReference(")
    end = text.index("    ],\n)")
    checks.write_text(text[:start] + text[end:])
    (_grader(tiny) / "wrong").rename(_grader(tiny) / "wrong-off")
    module = _module(tiny)
    module["exercises"][0]["points"] = 3
    _save(tiny, module)
    only(lint(tiny), f"exercise 'm04-evaluation/{EX}' has no hidden checks")


def test_check_without_wrong_solution(tiny):
    (_grader(tiny) / "wrong" / "auc_ties_count_zero.py").unlink()
    (_grader(tiny) / "wrong" / "auc_inverted.py").unlink()
    problems = lint(tiny)
    only(problems, "hidden check 'auc-ties' has no wrong-solution fixture")
    only(problems, "hidden check 'auc-random' has no wrong-solution fixture")


def test_wrong_solution_naming_unknown_check(tiny):
    path = _grader(tiny) / "wrong" / "f1_arithmetic_mean.py"
    path.write_text(path.read_text().replace("fails: f1-random", "fails: f1-random, f2-random"))
    only(lint(tiny), "f1_arithmetic_mean.py: names unknown check 'f2-random'")


def test_wrong_solution_without_fails_line(tiny):
    path = _grader(tiny) / "wrong" / "f1_arithmetic_mean.py"
    path.write_text(path.read_text().replace("fails: f1-random", ""))
    only(lint(tiny), "has no 'fails: <check ids>' line in its docstring")


def test_probed_function_missing_from_notebook(tiny):
    nb = tiny / "exercises/m04-evaluation" / EX / "source.ipynb"
    nb.write_text(nb.read_text().replace("def roc_auc(", "def area_under_curve("))
    only(lint(tiny), "probes `roc_auc`, which source.ipynb does not define")


def test_invalid_module_yaml_field(tiny):
    module = _module(tiny)
    module["exercises"][0]["skills"][0]["level"] = 7
    module["colour"] = "blue"
    _save(tiny, module)
    problems = lint(tiny)
    only(problems, "exercises.0.skills.0.level: Input should be 1, 2 or 3")
    only(problems, "colour: Extra inputs are not permitted")


def test_unknown_skill_in_taxonomy_file(tiny):
    path = tiny / "catalog/skills.yaml"
    path.write_text(path.read_text().replace("schema_version: 1", "schema_version: 9"))
    only(lint(tiny), "catalog/skills.yaml: schema_version: Input should be 1")


def test_broken_checks_module(tiny):
    (_grader(tiny) / "checks.py").write_text("import nothing_here\n")
    only(lint(tiny), "checks.py fails to import: ModuleNotFoundError")


def test_environments_are_linted(tmp_path):
    for part in ("catalog", "modules", "exercises", "graders", "environments"):
        shutil.copytree(ROOT / part, tmp_path / part)
    (tmp_path / "environments" / "serving" / "requirements.lock").unlink()
    (tmp_path / "environments" / "torch" / "environment.yaml").write_text(
        "description: torch on top of a missing parent\nparent: cuda\n")
    problems = lint(tmp_path)
    assert any("parent 'cuda' is not an environment" in p for p in problems), problems
    (tmp_path / "environments" / "torch" / "environment.yaml").write_text(
        "description: torch on top of base again\nparent: base\n")
    problems = lint(tmp_path)
    assert problems == [f"{tmp_path / 'environments' / 'serving' / 'requirements.lock'}: "
                        "missing; run `academy env lock serving`"]
