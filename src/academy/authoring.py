"""Write exercise source notebooks from a plain-text script (``academy author``).

Authors keep notebooks as JSON in git, but writing JSON by hand is error
prone. A script in "percent" form is turned into an nbgrader source notebook:

    # %% [markdown]
    # # Title
    # %% [setup]            locked code cell, e.g. imports
    # %% [solution] precision   editable cell with a solution region, grade_id=precision
    # %% [check] check-precision   locked cell that calls check()

Cell headers take a kind and an optional id. Markdown lines drop their
leading ``# ``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

HEADER = re.compile(r"^# %%\s*\[(markdown|setup|solution|check|code)\]\s*([\w-]*)\s*$")


class AuthoringError(Exception):
    """The script cannot be turned into a notebook; the message says where."""


def _meta(kind: str, grade_id: str) -> dict:
    if kind == "solution":
        return {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3,
                "solution": True, "task": False}
    return {"grade": False, "grade_id": grade_id, "locked": True, "schema_version": 3,
            "solution": False, "task": False}


def script_to_notebook(text: str, exercise: str) -> nbformat.NotebookNode:
    """Build the source notebook of *exercise* (``module/exercise``) from *text*."""
    cells: list[tuple[str, str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = HEADER.match(line)
        if match:
            cells.append((match.group(1), match.group(2), []))
        elif line.startswith("# %%"):
            raise AuthoringError(f"line {number}: unknown cell header {line!r}")
        elif cells:
            cells[-1][2].append(line)
        elif line.strip():
            raise AuthoringError(f"line {number}: text before the first cell header")
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "academy": {"exercise": exercise},
    }
    used: set[str] = set()
    for index, (kind, grade_id, lines) in enumerate(cells):
        while lines and not lines[-1].strip():
            lines.pop()
        if kind == "markdown":
            body = "\n".join(re.sub(r"^# ?", "", ln) for ln in lines)
            cell = nbformat.v4.new_markdown_cell(body)
        else:
            body = "\n".join(lines)
            cell = nbformat.v4.new_code_cell(body)
            if kind == "solution" and "### BEGIN SOLUTION" not in body:
                raise AuthoringError(f"cell {index + 1} is a solution cell without a "
                                     "### BEGIN SOLUTION region")
        if kind != "code":
            gid = grade_id or f"{kind}-{index + 1}"
            if gid in used:
                raise AuthoringError(f"cell id {gid!r} is used twice")
            used.add(gid)
            cell.metadata["nbgrader"] = _meta("solution" if kind == "solution" else "locked", gid)
        cell.id = f"cell-{index + 1}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def author(script: Path, out: Path, exercise: str) -> None:
    nb = script_to_notebook(script.read_text(), exercise)
    out.write_text(nbformat.writes(nb) + "\n")


def notebook_to_script(nb: nbformat.NotebookNode) -> str:
    """The inverse of :func:`script_to_notebook`, to edit a committed notebook as text."""
    out: list[str] = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if cell.cell_type == "markdown":
            out.append("# %% [markdown]")
            out += [f"# {ln}" if ln else "#" for ln in cell.source.splitlines()]
        else:
            if meta and meta.get("solution"):
                kind = "solution"
            elif meta and meta.get("locked"):
                kind = "check" if "check(" in cell.source else "setup"
            else:
                kind = "code"
            gid = meta.get("grade_id", "") if meta else ""
            out.append(f"# %% [{kind}] {gid}".rstrip())
            out += cell.source.splitlines()
        out.append("")
    return "\n".join(out)
