"""Student versions: nbgrader strips solutions, keeps locked cells, ships public checks only."""

from __future__ import annotations

import json

import pytest

from academy.build.student import build_exercise

from ..conftest import METRICS


@pytest.fixture(scope="module")
def built(catalog, tmp_path_factory):
    return build_exercise(catalog.exercise(METRICS), tmp_path_factory.mktemp("student"))


def test_solutions_are_stripped_and_locked_cells_kept(built, catalog):
    nb = json.loads(built.notebook.read_text())
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "BEGIN SOLUTION" not in code and "raise NotImplementedError()" in code
    assert "np.argsort(s, kind=\"mergesort\")" not in code  # a line of the model solution
    locked = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("locked")]
    source = json.loads(catalog.exercise(METRICS).source.read_text())
    source_locked = [c for c in source["cells"]
                     if c["metadata"].get("nbgrader", {}).get("locked")]
    assert [("".join(c["source"])) for c in locked] == [
        "".join(c["source"]) for c in source_locked]
    assert nb["metadata"]["academy"]["exercise"] == METRICS


def test_only_public_checks_travel_with_the_notebook(built, catalog):
    files = {p.relative_to(built.folder).as_posix() for p in built.folder.rglob("*") if p.is_file()}
    assert files == {"metrics-from-scratch.ipynb", "_academy/__init__.py", "_academy/codec.py",
                     "_academy/feedback.py", "_academy/public.py"}
    shipped = "\n".join((built.folder / f).read_text() for f in files)
    suite = catalog.exercise(METRICS)
    from academy.grading.loader import load_suite

    for check in load_suite(suite.grader).checks:
        assert (check.id in shipped) == (not check.hidden), check.id
    assert "rankdata" not in shipped  # the reference's method
    assert built.archive.is_file()
