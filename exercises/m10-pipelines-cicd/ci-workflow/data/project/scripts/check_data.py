"""Check a table of orders against the data contract: `python scripts/check_data.py [CSV]`.

Prints every problem and exits with status 1 when there is one (0 when the data is clean).
Without an argument it checks data/orders.csv of this project.
"""

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CITIES = {"Berlin", "Cologne", "Hamburg", "Munich"}
RANGES = {"order_value": (0.0, 1000.0), "distance_km": (0.0, 60.0), "hour": (0, 23),
          "late": (0, 1)}
MIN_ROWS = 500


def problems(orders):
    found = []
    if len(orders) < MIN_ROWS:
        found.append(f"only {len(orders)} rows, at least {MIN_ROWS} expected")
    for column in ["order_id", "city", *RANGES]:
        if column not in orders.columns:
            found.append(f"column {column} is missing")
        elif orders[column].isna().any():
            found.append(f"column {column} has missing values")
    if found:
        return found
    if orders["order_id"].duplicated().any():
        found.append(f"{int(orders['order_id'].duplicated().sum())} duplicated order ids")
    unknown = sorted(set(orders["city"]) - CITIES)
    if unknown:
        found.append(f"unknown cities: {unknown}")
    for column, (lo, hi) in RANGES.items():
        if not pd.api.types.is_numeric_dtype(orders[column]):
            found.append(f"column {column} is not numeric")
            continue
        outside = int((~orders[column].between(lo, hi)).sum())
        if outside:
            found.append(f"{outside} values of {column} outside [{lo}, {hi}]")
    return found


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else ROOT / "data" / "orders.csv"
    found = problems(pd.read_csv(path))
    for problem in found:
        print(f"DATA PROBLEM: {problem}")
    print(f"{path.name}: {'FAILED' if found else 'ok'} ({len(found)} problem(s))")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
