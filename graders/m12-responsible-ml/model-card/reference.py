"""Oracle for model-card. Runs only in the grader, never in a sandbox.

The card is Markdown with a fixed template (the notebook shows it in full):
a title, eight sections in a fixed order, bullets, and a metrics table with
one row for the whole evaluation set and one per group (sorted by name).
"""

from __future__ import annotations

import math

REQUIRED = ["name", "version", "owners", "task", "intended_use", "out_of_scope",
            "training_data", "evaluation", "ethical_considerations", "known_limitations"]
SECTIONS = ["Model details", "Intended use", "Out-of-scope use", "Training data",
            "Evaluation data", "Metrics", "Limitations", "Ethical considerations"]


def _empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


def missing_fields(facts) -> list[str]:
    """Required fields that are absent, None, blank strings or empty lists/dicts, sorted."""
    return sorted(f for f in REQUIRED if _empty(facts.get(f)))


def _metrics(y_true, y_pred) -> dict:
    n = len(y_true)
    tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == 1 and p == 1)
    predicted = sum(1 for p in y_pred if p == 1)
    actual = sum(1 for t in y_true if t == 1)
    correct = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == p)
    return {"n": n, "accuracy": correct / n,
            "precision": tp / predicted if predicted else None,
            "recall": tp / actual if actual else None}


def card_metrics(y_true, y_pred, group) -> dict:
    """{"overall": metrics, "groups": {name: metrics}}; None for an undefined metric."""
    y_true = [int(v) for v in y_true]
    y_pred = [int(v) for v in y_pred]
    group = [str(g) for g in group]
    groups = {}
    for name in sorted(set(group)):
        idx = [i for i, g in enumerate(group) if g == name]
        groups[name] = _metrics([y_true[i] for i in idx], [y_pred[i] for i in idx])
    return {"overall": _metrics(y_true, y_pred), "groups": groups}


def fmt(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def automatic_limitations(metrics, attribute, min_group_size, max_recall_gap) -> list[str]:
    overall = metrics["overall"]["recall"]
    lines = []
    for name, m in sorted(metrics["groups"].items()):
        label = f"{attribute}={name}"
        if m["n"] < min_group_size:
            lines.append(f"{label}: only {m['n']} evaluation examples; metrics not reliable.")
        elif m["recall"] is not None and overall is not None and \
                overall - m["recall"] > max_recall_gap:
            lines.append(f"{label}: recall {m['recall']:.3f} is {overall - m['recall']:.3f} "
                         f"below overall {overall:.3f}.")
    return lines


def model_card(facts, min_group_size=100, max_recall_gap=0.05) -> str:
    missing = missing_fields(facts)
    if missing:
        raise ValueError(f"model card is missing required fields: {', '.join(missing)}")
    ev = facts["evaluation"]
    metrics = card_metrics(ev["y_true"], ev["y_pred"], ev["group"])
    train = facts["training_data"]
    out = [f"# Model card: {facts['name']} {facts['version']}", "",
           "## Model details", f"- Owners: {', '.join(facts['owners'])}",
           f"- Task: {facts['task']}", "",
           "## Intended use", *[f"- {x}" for x in facts["intended_use"]], "",
           "## Out-of-scope use", *[f"- {x}" for x in facts["out_of_scope"]], "",
           "## Training data", f"- Source: {train['source']}", f"- Period: {train['period']}",
           f"- Rows: {train['rows']}", "",
           "## Evaluation data", f"- Source: {ev['source']}", f"- Period: {ev['period']}",
           f"- Rows: {len(ev['y_true'])}", "",
           "## Metrics", "| slice | n | accuracy | precision | recall |",
           "|---|---|---|---|---|"]
    rows = [("overall", metrics["overall"])] + [
        (f"{ev['attribute']}={name}", m) for name, m in sorted(metrics["groups"].items())]
    for label, m in rows:
        out.append(f"| {label} | {m['n']} | {fmt(m['accuracy'])} | {fmt(m['precision'])} | "
                   f"{fmt(m['recall'])} |")
    limits = list(facts["known_limitations"]) + automatic_limitations(
        metrics, ev["attribute"], min_group_size, max_recall_gap)
    out += ["", "## Limitations", *[f"- {x}" for x in limits], "",
            "## Ethical considerations", *[f"- {x}" for x in facts["ethical_considerations"]]]
    return "\n".join(out) + "\n"
