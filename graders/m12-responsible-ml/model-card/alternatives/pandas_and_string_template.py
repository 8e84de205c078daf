"""A correct solution written differently: pandas groupby for the metrics and
string.Template for the card, with the sections assembled from a list of blocks."""

from string import Template

import pandas as pd

REQUIRED_FIELDS = ("name", "version", "owners", "task", "intended_use", "out_of_scope",
                   "training_data", "evaluation", "ethical_considerations", "known_limitations")


def _metrics(frame):
    tp = int(((frame.t == 1) & (frame.p == 1)).sum())
    predicted, actual = int((frame.p == 1).sum()), int((frame.t == 1).sum())
    return {"n": int(len(frame)), "accuracy": float((frame.t == frame.p).mean()),
            "precision": tp / predicted if predicted > 0 else None,
            "recall": tp / actual if actual > 0 else None}


def card_metrics(y_true, y_pred, group):
    frame = pd.DataFrame({"t": list(y_true), "p": list(y_pred), "g": [str(x) for x in group]})
    frame["t"], frame["p"] = frame["t"].astype(int), frame["p"].astype(int)
    return {"overall": _metrics(frame),
            "groups": {str(name): _metrics(part) for name, part in frame.groupby("g")}}


def missing_fields(facts):
    out = []
    for name in REQUIRED_FIELDS:
        value = facts.get(name)
        if value is None or (isinstance(value, str) and not value.strip()) or (
                isinstance(value, (list, dict)) and not value):
            out.append(name)
    return sorted(out)


HEAD = Template("# Model card: $name $version\n\n## Model details\n- Owners: $owners\n"
                "- Task: $task\n")
DATA = Template("## $title\n- Source: $source\n- Period: $period\n- Rows: $rows\n")


def model_card(facts, min_group_size=100, max_recall_gap=0.05):
    if missing_fields(facts):
        raise ValueError("incomplete facts: " + ", ".join(missing_fields(facts)))
    ev = facts["evaluation"]
    m = card_metrics(ev["y_true"], ev["y_pred"], ev["group"])

    def show(x):
        return "n/a" if x is None else format(x, ".3f")

    def bullets(title, items):
        return f"## {title}\n" + "".join(f"- {item}\n" for item in items)

    rows = ["| slice | n | accuracy | precision | recall |\n", "|---|---|---|---|---|\n"]
    notes = list(facts["known_limitations"])
    slices = [("overall", m["overall"])] + [
        (f"{ev['attribute']}={k}", v) for k, v in sorted(m["groups"].items())]
    top = m["overall"]["recall"]
    for i, (label, s) in enumerate(slices):
        rows.append(f"| {label} | {s['n']} | {show(s['accuracy'])} | {show(s['precision'])} | "
                    f"{show(s['recall'])} |\n")
        if i == 0:
            continue
        if s["n"] < min_group_size:
            notes.append(f"{label}: only {s['n']} evaluation examples; metrics not reliable.")
        elif s["recall"] is not None and top is not None and top - s["recall"] > max_recall_gap:
            notes.append(f"{label}: recall {s['recall']:.3f} is {top - s['recall']:.3f} below "
                         f"overall {top:.3f}.")
    blocks = [
        HEAD.substitute(name=facts["name"], version=facts["version"],
                        owners=", ".join(facts["owners"]), task=facts["task"]),
        bullets("Intended use", facts["intended_use"]),
        bullets("Out-of-scope use", facts["out_of_scope"]),
        DATA.substitute(title="Training data", **facts["training_data"]),
        DATA.substitute(title="Evaluation data", source=ev["source"], period=ev["period"],
                        rows=len(ev["y_true"])),
        "## Metrics\n" + "".join(rows),
        bullets("Limitations", notes),
        bullets("Ethical considerations", facts["ethical_considerations"]),
    ]
    return "\n".join(blocks)
