"""A correct solution in plain Python (no numpy): counters accumulated in one pass over the
rows, and the card written line by line into a list."""

from collections import defaultdict


def _finish(c):
    return {"n": c["n"], "accuracy": c["correct"] / c["n"],
            "precision": c["tp"] / c["pred"] if c["pred"] else None,
            "recall": c["tp"] / c["pos"] if c["pos"] else None}


def card_metrics(y_true, y_pred, group):
    counts = defaultdict(lambda: {"n": 0, "correct": 0, "tp": 0, "pred": 0, "pos": 0})
    for t, p, g in zip(y_true, y_pred, group, strict=True):
        t, p = int(t), int(p)
        for key in ("__all__", str(g)):
            c = counts[key]
            c["n"] += 1
            c["correct"] += t == p
            c["tp"] += t == 1 and p == 1
            c["pred"] += p == 1
            c["pos"] += t == 1
    overall = _finish(counts.pop("__all__"))
    return {"overall": overall, "groups": {g: _finish(c) for g, c in counts.items()}}


def missing_fields(facts):
    def filled(v):
        if isinstance(v, str):
            return bool(v.strip())
        if isinstance(v, (list, dict)):
            return bool(v)
        return v is not None
    return sorted(f for f in REQUIRED if not filled(facts.get(f)))  # noqa: F821


def model_card(facts, min_group_size=100, max_recall_gap=0.05):
    gaps = missing_fields(facts)
    if gaps:
        raise ValueError(f"missing or empty: {gaps}")
    ev, tr = facts["evaluation"], facts["training_data"]
    met = card_metrics(ev["y_true"], ev["y_pred"], ev["group"])
    o = met["overall"]
    out = []
    add = out.append
    add(f"# Model card: {facts['name']} {facts['version']}")
    add("")
    add("## Model details")
    add("- Owners: " + ", ".join(facts["owners"]))
    add("- Task: " + facts["task"])
    for title, key in (("Intended use", "intended_use"), ("Out-of-scope use", "out_of_scope")):
        add("")
        add("## " + title)
        out.extend("- " + x for x in facts[key])
    add("")
    add("## Training data")
    out.extend([f"- Source: {tr['source']}", f"- Period: {tr['period']}", f"- Rows: {tr['rows']}"])
    add("")
    add("## Evaluation data")
    out.extend([f"- Source: {ev['source']}", f"- Period: {ev['period']}",
                f"- Rows: {len(ev['y_true'])}"])
    add("")
    add("## Metrics")
    add("| slice | n | accuracy | precision | recall |")
    add("|---|---|---|---|---|")

    def num(x):
        return "n/a" if x is None else f"{x:.3f}"

    auto = []
    for label, m in [("overall", o)] + [(ev["attribute"] + "=" + g, met["groups"][g])
                                         for g in sorted(met["groups"])]:
        add(f"| {label} | {m['n']} | {num(m['accuracy'])} | {num(m['precision'])} | "
            f"{num(m['recall'])} |")
        if label == "overall":
            continue
        if m["n"] < min_group_size:
            auto.append(f"{label}: only {m['n']} evaluation examples; metrics not reliable.")
        elif m["recall"] is not None and o["recall"] is not None and \
                o["recall"] - m["recall"] > max_recall_gap:
            auto.append(f"{label}: recall {num(m['recall'])} is {num(o['recall'] - m['recall'])} "
                        f"below overall {num(o['recall'])}.")
    add("")
    add("## Limitations")
    out.extend("- " + x for x in list(facts["known_limitations"]) + auto)
    add("")
    add("## Ethical considerations")
    out.extend("- " + x for x in facts["ethical_considerations"])
    return "\n".join(out) + "\n"
