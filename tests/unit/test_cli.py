"""The CLI: thin commands, one clear sentence and a non-zero exit for user mistakes."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from academy.cli import main

from ..conftest import METRICS, ROOT


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_lint_passes_on_the_repository():
    result = run("lint", "--root", str(ROOT))
    assert result.exit_code == 0 and "catalog OK" in result.output


def test_lint_fails_with_messages(tmp_path):
    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    (tmp_path / "modules" / "m01-x").mkdir(parents=True)
    result = run("lint", "--root", str(tmp_path))
    assert result.exit_code == 2
    assert "module folder without module.yaml" in result.output
    assert "academy: 1 problem(s) in the catalog" in result.output


def test_not_a_content_root(tmp_path):
    result = run("lint", "--root", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip() == f"academy: {tmp_path} is not a content root (no modules/ folder)"


def test_grade_missing_path_is_one_sentence(tmp_path):
    result = run("grade", str(tmp_path / "nope"), "--root", str(ROOT), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert result.output.strip() == f"academy: {tmp_path / 'nope'} does not exist"
    assert "Traceback" not in result.output


def test_grade_unknown_exercise_is_one_sentence(tmp_path):
    nb = tmp_path / "a.ipynb"
    shutil.copy(ROOT / "exercises" / METRICS / "source.ipynb", nb)
    result = run("grade", str(nb), "--exercise", "m99/nothing", "--root", str(ROOT),
                 "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "unknown exercise 'm99/nothing'" in result.output


def test_grade_one_notebook(tmp_path):
    nb = tmp_path / "ada.ipynb"
    shutil.copy(ROOT / "exercises" / METRICS / "source.ipynb", nb)
    result = run("grade", str(nb), "--root", str(ROOT), "--out", str(tmp_path / "o"), "--seed", "4")
    assert result.exit_code == 0, result.output
    assert "12/12" in result.output and (tmp_path / "o" / "results" / "ada.json").is_file()


def test_author_round_trip(tmp_path):
    source = ROOT / "exercises" / METRICS / "source.ipynb"
    script = run("author", str(source), "--to-script")
    assert script.exit_code == 0 and "# %% [solution] roc_auc" in script.output
    (tmp_path / "s.py").write_text(script.output)
    out = tmp_path / "nb.ipynb"
    made = run("author", str(tmp_path / "s.py"), str(out), "--exercise", METRICS)
    assert made.exit_code == 0
    again = run("author", str(out), "--to-script")
    assert again.output == script.output


def test_author_reports_bad_headers(tmp_path):
    (tmp_path / "s.py").write_text("# %% [mystery]\nx = 1\n")
    result = run("author", str(tmp_path / "s.py"), str(tmp_path / "o.ipynb"), "--exercise", "a/b")
    assert result.exit_code == 2 and "line 1: unknown cell header" in result.output


def test_untrusted_grading_refuses_the_local_sandbox(tmp_path):
    nb = tmp_path / "cand.ipynb"
    shutil.copy(ROOT / "exercises" / METRICS / "source.ipynb", nb)
    result = run("grade", str(nb), "--root", str(ROOT), "--out", str(tmp_path / "o"),
                 "--sandbox", "local", "--untrusted")
    assert result.exit_code == 2
    assert "untrusted submissions are not graded in the local sandbox" in result.output
    assert not (tmp_path / "o").exists()
    allowed = run("grade", str(nb), "--root", str(ROOT), "--out", str(tmp_path / "o"),
                  "--sandbox", "local", "--untrusted", "--unsafe-local", "--quiet")
    assert allowed.exit_code == 0 and "with the local sandbox" in allowed.output


def test_grade_rejects_zero_jobs(tmp_path):
    nb = tmp_path / "a.ipynb"
    shutil.copy(ROOT / "exercises" / METRICS / "source.ipynb", nb)
    result = run("grade", str(nb), "--root", str(ROOT), "--out", str(tmp_path / "o"),
                 "--sandbox", "local", "--jobs", "0")
    assert result.exit_code == 2 and "--jobs must be at least 1" in result.output


@pytest.mark.docker
def test_grade_defaults_to_docker_when_an_engine_answers(tmp_path):
    import json

    nb = tmp_path / "ada.ipynb"
    shutil.copy(ROOT / "exercises" / METRICS / "source.ipynb", nb)
    result = run("grade", str(nb), "--root", str(ROOT), "--out", str(tmp_path / "o"),
                 "--untrusted", "--quiet")
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "o" / "results" / "ada.json").read_text())
    assert record["sandbox"]["kind"] == "docker" and record["score"] == 12


def test_grade_names_the_missing_environment(tmp_path):
    """An engine with no image for the exercise's environment stops the batch with the fix."""
    from academy.grading.batch import BatchError, grade_batch
    from academy.grading.sandbox import SandboxUnavailable

    class NoImages:
        kind = "docker"

        def run(self, *args, **kwargs):
            raise SandboxUnavailable("the 'base' environment is not built for its current "
                                     "lockfile; run `academy env build base`")

    from academy.catalog.load import Catalog

    nb = tmp_path / "a.ipynb"
    shutil.copy(ROOT / "exercises" / METRICS / "source.ipynb", nb)
    with pytest.raises(BatchError, match="academy env build base"):
        grade_batch(Catalog.load(ROOT), nb, tmp_path / "o", seed=1, sandbox=NoImages())
