"""The stand-in for the churn trainer: built into an image by the grader, never shipped.

``python -m trainer.train --data-version VERSION --output-dir DIR`` "trains" on the data
version baked into the image (``latest`` is the newest), writes ``metrics.json`` to DIR
and prints the same metrics on a line starting with ``METRICS``. It needs the environment
variables MLFLOW_TRACKING_URI and MODEL_NAME.

Exit codes: 0 trained; 2 bad arguments; 3 missing environment; 4 output folder not
writable; 5 unknown data version.
"""

import argparse
import json
import os
import sys
from pathlib import Path

DATA = Path(__file__).with_name("data")


def fit_threshold(rows):
    """The best one-feature threshold rule: (threshold, number of rows it gets right)."""
    rows = sorted(rows)
    positives = sum(y for _, y in rows)
    best = (rows[0][0] - 1.0, positives)  # everything above the threshold is positive
    below_neg = below_pos = 0
    for i, (x, y) in enumerate(rows):
        below_neg += 1 - y
        below_pos += y
        if i + 1 < len(rows) and rows[i + 1][0] == x:
            continue
        correct = below_neg + (positives - below_pos)
        if correct > best[1]:
            best = (x, correct)
    return best


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m trainer.train")
    parser.add_argument("--data-version", required=True)
    parser.add_argument("--output-dir", required=True)
    options = parser.parse_args(argv)
    missing = [v for v in ("MLFLOW_TRACKING_URI", "MODEL_NAME") if not os.environ.get(v)]
    if missing:
        print(f"trainer: missing environment variables: {', '.join(missing)}", file=sys.stderr)
        return 3
    versions = sorted(p.stem for p in DATA.glob("*.csv"))
    version = versions[-1] if options.data_version == "latest" else options.data_version
    if version not in versions:
        print(f"trainer: no data version {options.data_version!r}", file=sys.stderr)
        return 5
    rows = []
    for line in (DATA / f"{version}.csv").read_text().splitlines()[1:]:
        x, y = line.split(",")
        rows.append((float(x), int(y)))
    threshold, correct = fit_threshold(rows)
    metrics = {"data_version": version, "rows": len(rows), "threshold": threshold,
               "accuracy": round(correct / len(rows), 6),
               "model_name": os.environ["MODEL_NAME"]}
    try:
        out = Path(options.output_dir)
        out.mkdir(parents=True, exist_ok=True)
        (out / "metrics.json").write_text(json.dumps(metrics))
    except OSError as exc:
        print(f"trainer: cannot write to {options.output_dir}: {exc.strerror}", file=sys.stderr)
        return 4
    print("METRICS " + json.dumps(metrics, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
