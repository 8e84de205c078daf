"""HTML feedback for one result: per-check points, message and hints.

Only what the record holds is shown; records never contain hidden inputs or
reference outputs, so neither can the page.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from academy.grading.results import GradingResult

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def render(result: GradingResult) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
        undefined=jinja2.StrictUndefined)
    return env.get_template("feedback.html.j2").render(r=result)
