"""check() and hint() in a real Jupyter kernel, on the generated student notebook."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from academy.build.student import build_exercise

from ..conftest import METRICS

pytestmark = pytest.mark.slow


def _outputs(nb, needle: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "code" and needle in cell.source:
            return "".join(o.get("text", "") for o in cell.outputs)
    raise AssertionError(needle)


def test_check_and_hint_in_a_kernel(catalog, tmp_path):
    built = build_exercise(catalog.exercise(METRICS), tmp_path)
    nb = nbformat.read(built.notebook, as_version=4)
    # the learner solves precision wrongly and confusion_counts correctly
    fix = ("def confusion_counts(y_true, y_pred):\n"
           "    t, p = np.asarray(y_true) == 1, np.asarray(y_pred) == 1\n"
           "    return {'tp': int((t & p).sum()), 'fp': int((~t & p).sum()),\n"
           "            'fn': int((t & ~p).sum()), 'tn': int((~t & ~p).sum())}\n"
           "def precision(y_true, y_pred):\n    return 0.5\n")
    nb.cells.append(nbformat.v4.new_code_cell(fix))
    nb.cells.append(nbformat.v4.new_code_cell("check()"))
    nb.cells.append(nbformat.v4.new_code_cell("hint()\nhint()\nhint()"))
    nb.cells.append(nbformat.v4.new_code_cell("hint('no-such-check')"))
    NotebookClient(nb, timeout=60, allow_errors=False,
                   resources={"metadata": {"path": str(built.folder)}}).execute()
    first = _outputs(nb, 'check("confusion_counts")')
    assert "FAIL  counts-example: `confusion_counts` is not implemented yet" in first
    final = "".join(o.get("text", "") for o in nb.cells[-3].outputs)
    assert "PASS  counts-example" in final
    assert "FAIL  precision-example: precision gives the wrong value" in final
    assert "1/3 public checks passed" in final
    hints = "".join(o.get("text", "") for o in nb.cells[-2].outputs)
    assert "Hint 1 of 2 for precision-example" in hints
    assert "Hint 2 of 2 for precision-example" in hints
    assert "No more hints for precision-example" in hints
    assert "No public check is called 'no-such-check'" in json.dumps(nb.cells[-1].outputs)
