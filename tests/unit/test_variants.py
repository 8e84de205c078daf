"""Per-candidate variants: each candidate's data and public examples are their own, and
the model solution passes them while a wrong one does not."""

from __future__ import annotations

import contextlib
import json
import os
import runpy
import shutil
import sys
from pathlib import Path

import pytest

from academy.assess.bundle import _apply_variant
from academy.build.student import build_exercise

KEY = "m02-data-pipelines/sql-extract-clean"


@pytest.fixture(scope="module")
def student(catalog, tmp_path_factory):
    out = tmp_path_factory.mktemp("variant-student")
    return build_exercise(catalog.exercise(KEY), out).folder


def variant(catalog, student, tmp_path, seed):
    folder = tmp_path / f"seed-{seed}"
    shutil.copytree(student, folder)
    params = _apply_variant(catalog.exercise(KEY).grader, seed, folder)
    return folder, params


@contextlib.contextmanager
def inside(folder: Path):
    old = Path.cwd()
    os.chdir(folder)
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        os.chdir(old)
        for name in [m for m in sys.modules if m == "_academy" or m.startswith("_academy.")]:
            del sys.modules[name]


def run_public_checks(folder: Path, code: str) -> dict[str, str | None]:
    """Run *code* (a solution) in a fresh namespace in *folder*, then its public checks."""
    with inside(folder):
        from _academy import feedback  # the variant's own helpers and public checks
        from _academy.public import PUBLIC_CHECKS

        script = folder / "solution_under_test.py"
        script.write_text(code)
        namespace = runpy.run_path(str(script))
        return {spec["id"]: feedback._run_one(spec, namespace) for spec in PUBLIC_CHECKS}


def solution_code(catalog, extra: str = "") -> str:
    nb = json.loads(catalog.exercise(KEY).source.read_text())
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    kept = [c for c in cells if "check(" not in c and "hint(" not in c]
    return "\n\n".join(kept) + "\n\n" + extra


def test_each_seed_gets_its_own_shop_and_examples(catalog, student, tmp_path):
    a, params_a = variant(catalog, student, tmp_path, 11)
    b, params_b = variant(catalog, student, tmp_path, 12)
    again, params_again = variant(catalog, student, tmp_path / "again", 11)
    assert (a / "data" / "shop.db").read_bytes() != (b / "data" / "shop.db").read_bytes()
    assert (a / "_academy" / "public.py").read_text() != (b / "_academy" / "public.py").read_text()
    assert params_a == params_again  # the same candidate always gets the same variant
    assert (a / "_academy" / "public.py").read_text() == \
        (again / "_academy" / "public.py").read_text()
    assert set(params_a) == {"country", "cutoff", "customers", "rows"}


def test_the_model_solution_passes_its_variant_and_a_wrong_one_fails(catalog, student, tmp_path):
    grader = catalog.exercise(KEY).grader
    for seed in (11, 12, 13):
        folder, _ = variant(catalog, student, tmp_path, seed)
        assert run_public_checks(folder, solution_code(catalog)) == {
            "extract-example": None, "clean-example": None}, seed
    folder, _ = variant(catalog, student, tmp_path, 14)
    wrong = (grader / "wrong" / "ignores_cutoff.py").read_text()
    verdicts = run_public_checks(folder, solution_code(catalog, wrong))
    assert verdicts["extract-example"] is not None
    # another candidate's expected table does not pass on this candidate's shop
    other, _ = variant(catalog, student, tmp_path, 15)
    shutil.copy(other / "_academy" / "public.py", folder / "_academy" / "public.py")
    assert run_public_checks(folder, solution_code(catalog))["extract-example"] is not None


def test_issued_bundles_carry_their_variant(catalog, tmp_path):
    import yaml

    from academy.assess.bundle import Assessment, create, issue, read_candidates

    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({
        "schema_version": 1, "id": "data-take-home", "title": "Data take-home",
        "role": "ML engineer", "level": 1, "time_limit_minutes": 60,
        "exercises": [{"key": KEY}]}))
    people = tmp_path / "people.csv"
    people.write_text("id,name\nana,Ana\nben,Ben\n")
    made = create(spec, tmp_path / "a", catalog)
    issue(made, read_candidates(people), catalog)
    opened = Assessment.open(tmp_path / "a")
    shops = {}
    for cid in ("ana", "ben"):
        manifest = opened.manifest(cid)
        shop = f"{KEY}/data/shop.db"
        assert manifest["variants"][KEY]["cutoff"]
        assert manifest["files"][shop]  # the variant's data is what the manifest records
        shops[cid] = (opened.folder / "issued" / cid / shop).read_bytes()
    assert shops["ana"] != shops["ben"]
    starter = (opened.folder / "starter" / KEY / "data" / "shop.db").read_bytes()
    assert starter not in shops.values()
