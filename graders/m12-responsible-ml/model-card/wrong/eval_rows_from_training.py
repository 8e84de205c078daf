"""model_card that reports the training rows as the size of the evaluation data (a copy-paste
slip that makes the metrics look far better supported than they are).

fails: card-example, card-facts
"""


def model_card(facts, min_group_size=100, max_recall_gap=0.05):
    missing = missing_fields(facts)  # noqa: F821
    if missing:
        raise ValueError(f"missing: {', '.join(missing)}")
    ev, train = facts["evaluation"], facts["training_data"]
    metrics = card_metrics(ev["y_true"], ev["y_pred"], ev["group"])  # noqa: F821
    overall = metrics["overall"]
    cell = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
    lines = [f"# Model card: {facts['name']} {facts['version']}", "", "## Model details",
             f"- Owners: {', '.join(facts['owners'])}", f"- Task: {facts['task']}", "",
             "## Intended use", *[f"- {x}" for x in facts["intended_use"]], "",
             "## Out-of-scope use", *[f"- {x}" for x in facts["out_of_scope"]], "",
             "## Training data", f"- Source: {train['source']}", f"- Period: {train['period']}",
             f"- Rows: {train['rows']}", "", "## Evaluation data", f"- Source: {ev['source']}",
             f"- Period: {ev['period']}", f"- Rows: {train['rows']}", "", "## Metrics",
             "| slice | n | accuracy | precision | recall |", "|---|---|---|---|---|"]
    limits = list(facts["known_limitations"])
    for label, m in [("overall", overall)] + [
            (f"{ev['attribute']}={k}", metrics["groups"][k]) for k in sorted(metrics["groups"])]:
        lines.append(f"| {label} | {m['n']} | {cell(m['accuracy'])} | {cell(m['precision'])} "
                     f"| {cell(m['recall'])} |")
        if label == "overall":
            continue
        if m["n"] < min_group_size:
            limits.append(f"{label}: only {m['n']} evaluation examples; metrics not reliable.")
        elif m["recall"] is not None and overall["recall"] - m["recall"] > max_recall_gap:
            limits.append(f"{label}: recall {m['recall']:.3f} is "
                          f"{overall['recall'] - m['recall']:.3f} below overall "
                          f"{overall['recall']:.3f}.")
    lines += ["", "## Limitations", *[f"- {x}" for x in limits], "",
              "## Ethical considerations", *[f"- {x}" for x in facts["ethical_considerations"]]]
    return "\n".join(lines) + "\n"
