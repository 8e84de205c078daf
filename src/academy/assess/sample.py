"""A sample assessment with synthetic candidates, for the demo and the tests.

Candidates' notebooks are the issued bundles with answers written into their
solution cells: the model solution, an alternative correct solution from the
grader's ``alternatives/``, or that alternative with every name renamed (a
copier), or nothing at all.
"""

from __future__ import annotations

import ast
import io
import json
import shutil
import tokenize
from pathlib import Path
from typing import Any

import yaml

from academy.assess.bundle import Assessment, create, issue, parse_time, read_candidates
from academy.assess.model import CandidateReport
from academy.catalog.load import Catalog

SAMPLE_EXERCISE = "m04-evaluation/metrics-from-scratch"
SAMPLE_ALTERNATIVE = "loops_and_pairs.py"
RENAMES = {"counts": "tally", "key": "slot", "t": "truth", "p": "guess", "c": "cm",
           "predicted": "n_flagged", "actual": "n_real", "denominator": "bottom", "pos": "hi",
           "neg": "lo", "wins": "score_sum", "n": "other", "s": "val"}


def solution_cells(notebook: Path) -> dict[str, str]:
    """grade_id -> source of every solution cell of a (source) notebook."""
    nb = json.loads(notebook.read_text())
    return {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in nb["cells"]
            if c["metadata"].get("nbgrader", {}).get("solution")}


def defined(code: str) -> dict[str, str]:
    tree = ast.parse(code)
    return {node.name: ast.get_source_segment(code, node) or "" for node in tree.body
            if isinstance(node, ast.FunctionDef)}


def by_function(source_cells: dict[str, str], code: str) -> dict[str, str]:
    """The source notebook's solution cells, each filled with the same functions of *code*
    (its imports go into the first cell)."""
    funcs = defined(code)
    imports = "\n".join(ast.get_source_segment(code, node) or "" for node in ast.parse(code).body
                        if isinstance(node, ast.Import | ast.ImportFrom))
    cells = {gid: "\n\n".join(funcs[name] for name in defined(text) if name in funcs)
             for gid, text in source_cells.items()}
    first = next(iter(cells))
    cells[first] = f"{imports}\n\n{cells[first]}" if imports else cells[first]
    return cells


def renamed(code: str, renames: dict[str, str] | None = None) -> str:
    """*code* with names renamed and comments dropped: what a copier hands in."""
    mapping = RENAMES if renames is None else renames
    toks = []
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.COMMENT:
            continue
        text = mapping.get(tok.string, tok.string) if tok.type == tokenize.NAME else tok.string
        toks.append((tok.type, text))
    return "# my own work\n" + tokenize.untokenize(toks)


def answer(notebook: Path, code_for_cell: dict[str, str], locked_edit: str | None = None) -> None:
    """Write answers into a notebook's solution cells (and, if asked, edit a locked cell)."""
    nb = json.loads(notebook.read_text())
    for cell in nb["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("solution") and meta["grade_id"] in code_for_cell:
            cell["source"] = code_for_cell[meta["grade_id"]]
        if locked_edit and meta.get("grade_id") == locked_edit:
            cell["source"] = "".join(cell["source"]) + "\nimport builtins  # slipped in\n"
    notebook.write_text(json.dumps(nb, indent=1))


def sample_assessment(catalog: Catalog, out: Path, *, sandbox: Any) -> list[CandidateReport]:
    """Create, issue and grade a small assessment of four candidates in *out*."""
    from academy.assess.grade import grade_assessment

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    spec = out / "spec.yaml"
    spec.write_text(yaml.safe_dump({
        "schema_version": 1, "id": "sample-take-home", "title": "Sample take-home",
        "role": "ML engineer", "level": 1, "time_limit_minutes": 90,
        "exercises": [{"key": SAMPLE_EXERCISE, "weight": 1}]}))
    people = out / "candidates.csv"
    people.write_text("id,name\nmira,Mira Model\nnoel,Noel Nothing\nolga,Olga Own\n"
                      "pete,Pete Paraphrase\n")
    assessment = create(spec, out / "assessment", catalog)
    issue(assessment, read_candidates(people), catalog, start=parse_time("2026-12-01T09:00:00Z"))
    entry = catalog.exercise(SAMPLE_EXERCISE)
    subs = out / "submissions"
    subs.mkdir()
    rel = Assessment.notebook_rel(assessment, SAMPLE_EXERCISE)
    for cid in ("mira", "noel", "olga", "pete"):
        shutil.copytree(assessment.folder / "issued" / cid, subs / cid)
    model = solution_cells(entry.source)
    own = (entry.grader / "alternatives" / SAMPLE_ALTERNATIVE).read_text()
    answer(subs / "mira" / rel, model)
    answer(subs / "olga" / rel, by_function(model, own))
    answer(subs / "pete" / rel, by_function(model, renamed(own)))
    (subs / "received.csv").write_text("id,received_at\nmira,2026-12-01T10:10:00Z\n"
                                       "noel,2026-12-01T09:15:00Z\nolga,2026-12-01T10:20:00Z\n"
                                       "pete,2026-12-01T10:25:00Z\n")
    return grade_assessment(assessment, subs, catalog, sandbox=sandbox)
